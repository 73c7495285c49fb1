import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import { ReleaseChangedSignal } from '@internal/plugin-release-coordination-common';
import { act, screen } from '@testing-library/react';
import {
  makeApprovals,
  makeApprovedApprovals,
  makeReadiness,
  makeReadyReadiness,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleaseReadiness } from './ReleaseReadiness';

/** A signal API whose messages the test sends. */
class TestSignalApi implements SignalApi {
  private readonly listeners = new Set<(m: JsonObject) => void>();

  subscribe<T extends JsonObject>(_channel: string, onMessage: (m: T) => void) {
    const listener = onMessage as (m: JsonObject) => void;
    this.listeners.add(listener);
    return { unsubscribe: () => this.listeners.delete(listener) };
  }

  send(message: ReleaseChangedSignal) {
    this.listeners.forEach(listener => listener(message));
  }
}

describe('ReleaseReadiness live updates', () => {
  const server = setupContractServer();

  it('reloads when a signal says the release changed, though its revision did not', async () => {
    server.respond('get', '/releases/r1/readiness', makeReadiness());
    server.respond('get', '/releases/r1/approvals', makeApprovals());
    const signals = new TestSignalApi();
    await renderInTestApp(
      <ReleaseReadiness
        release={{
          id: 'r1',
          ownerRef: 'group:default/payments',
          revision: 3,
          state: 'planned',
          createdBy: 'user:default/someone',
        }}
      />,
      {
        apis: [
          [releaseCoordinationApiRef, server.api],
          [signalApiRef, signals],
        ],
        mountedRoutes: {
          '/release-coordination': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(await screen.findByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );

    // Another user approves: the readiness changes, the release's revision does not.
    server.respond('get', '/releases/r1/readiness', makeReadyReadiness());
    server.respond('get', '/releases/r1/approvals', makeApprovedApprovals());
    act(() => signals.send({ id: 'r1', revision: 3, what: 'approvals' }));

    expect(
      await screen.findByText('ready', {
        selector: '[data-testid="readiness-verdict"] *',
      }),
    ).toBeInTheDocument();
  });
});
