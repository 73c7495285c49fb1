import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeApprovals,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import {
  HOSTILE_CHANGES,
  HOSTILE_EVIDENCE,
  HOSTILE_MARKDOWN,
  HOSTILE_TITLE,
} from '../../__fixtures__/hostileContent';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { EntityReadinessContent } from './EntityReadinessContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {},
};

describe('EntityReadinessContent with hostile stored text', () => {
  const server = setupContractServer();

  it('shows the hostile title and the script evidence as text', async () => {
    const start = Date.now() + 3600_000;
    server.respond('get', '/approvals/inbox', { items: [] });
    server.respond('get', '/releases', {
      items: [
        makeRelease({
          title: HOSTILE_TITLE,
          description: HOSTILE_MARKDOWN,
          changes: HOSTILE_CHANGES,
          window: {
            start: new Date(start).toISOString(),
            end: new Date(start + 7200_000).toISOString(),
          },
        }),
      ],
    });
    const readiness = makeReadiness();
    readiness.items[2] = {
      ...readiness.items[2],
      passed: true,
      checkedBy: 'user:default/alice',
      checkedAt: '2030-02-01T10:00:00.000Z',
      evidence: HOSTILE_EVIDENCE,
    };
    server.respond('get', '/releases/r1/readiness', {
      ...readiness,
      blocking: ['Approvals complete: not passed'],
    });
    server.respond('get', '/readiness', {
      items: [
        {
          releaseId: 'r1',
          verdict: 'not-ready',
          blocking: ['Approvals complete: not passed'],
        },
      ],
    });
    server.respond('get', '/releases/r1/approvals', makeApprovals());

    await renderInTestApp(
      <EntityProvider entity={group}>
        <EntityReadinessContent />
      </EntityProvider>,
      {
        apis: [
          [releaseCoordinationApiRef, server.api],
          mockApis.identity({
            userEntityRef: 'user:default/alice',
            ownershipEntityRefs: ['group:default/payments'],
          }),
        ],
        mountedRoutes: {
          '/release-coordination': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    const row = await screen.findByTestId('readiness-row-r1');
    // The summary is one button named by its visible text, the title first.
    await userEvent.click(
      within(row).getByRole('button', {
        name: name => name.startsWith(`${HOSTILE_TITLE} 2.1.0`),
      }),
    );
    expect(
      await within(row).findByRole('link', {
        name: `Release page of ${HOSTILE_TITLE} 2.1.0`,
      }),
    ).toHaveAttribute('href', '/release-coordination/releases/r1');
    const evidence = await within(row).findByText(
      `Evidence: ${HOSTILE_EVIDENCE}`,
    );
    expect(evidence.closest('a')).toBeNull();
    expect(
      document.querySelector('a[href^="javascript" i], a[href^="data" i]'),
    ).toBeNull();
  });
});
