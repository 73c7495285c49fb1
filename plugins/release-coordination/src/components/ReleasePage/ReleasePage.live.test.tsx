import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { JsonObject } from '@backstage/types';
import {
  RELEASE_SIGNAL_CHANNEL,
  ReleaseChangedSignal,
} from '@internal/plugin-release-coordination-common';
import { act, screen } from '@testing-library/react';
import { answerRelease } from '../../__testUtils__/answers';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleasePage } from './ReleasePage';

/** A signal API whose messages the test sends. */
class TestSignalApi implements SignalApi {
  private readonly listeners = new Map<string, Set<(m: JsonObject) => void>>();

  subscribe<T extends JsonObject>(channel: string, onMessage: (m: T) => void) {
    const listeners = this.listeners.get(channel) ?? new Set();
    const listener = onMessage as (m: JsonObject) => void;
    listeners.add(listener);
    this.listeners.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(listener) };
  }

  send(channel: string, message: JsonObject) {
    this.listeners.get(channel)?.forEach(listener => listener(message));
  }
}

describe('ReleasePage live updates', () => {
  const server = setupContractServer();

  it('reloads the release when a signal says it changed elsewhere', async () => {
    answerRelease(server, makeRelease({ state: 'draft' }));
    const signals = new TestSignalApi();
    await renderInTestApp(<ReleasePage releaseId="r1" />, {
      apis: [
        [releaseCoordinationApiRef, server.api],
        [signalApiRef, signals],
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: ['user:default/alice'],
        }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    });
    expect(await screen.findByTestId('release-state')).toHaveTextContent(
      'draft',
    );

    // Another user moves it on: the backend stores it and signals the change.
    server.respond(
      'get',
      '/releases/r1',
      makeRelease({ state: 'planned', revision: 2 }),
    );
    const other: ReleaseChangedSignal = { id: 'r2', revision: 5, what: 'x' };
    const mine: ReleaseChangedSignal = {
      id: 'r1',
      revision: 2,
      what: 'transition',
    };
    act(() => signals.send(RELEASE_SIGNAL_CHANNEL, other));
    expect(screen.getByTestId('release-state')).toHaveTextContent('draft');
    act(() => signals.send(RELEASE_SIGNAL_CHANNEL, mine));

    expect(
      await screen.findByText('planned', {
        selector: '[data-testid="release-state"] *',
      }),
    ).toBeInTheDocument();
  });
});
