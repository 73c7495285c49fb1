import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  FakeReleaseCoordinationApi,
  makeApprovals,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/FakeReleaseCoordinationApi';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { EntityReadinessContent } from './EntityReadinessContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {},
};

function soon(hours: number) {
  return {
    start: new Date(Date.now() + hours * 3600_000).toISOString(),
    end: new Date(Date.now() + (hours + 2) * 3600_000).toISOString(),
  };
}

async function render(api: FakeReleaseCoordinationApi) {
  return renderInTestApp(
    <EntityProvider entity={group}>
      <EntityReadinessContent />
    </EntityProvider>,
    {
      apis: [
        [releaseCoordinationApiRef, api],
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
}

describe('EntityReadinessContent', () => {
  it('lists the upcoming releases with verdicts and approvals', async () => {
    const api = new FakeReleaseCoordinationApi([
      makeRelease({ id: 'r1', title: 'Ledger 4', window: soon(1) }),
      makeRelease({
        id: 'r2',
        title: 'Refunds 2',
        state: 'approved',
        window: soon(5),
      }),
      makeRelease({
        id: 'r3',
        title: 'Other team',
        ownerRef: 'group:default/search',
        window: soon(2),
      }),
    ]);
    api.readiness.r1 = makeReadiness();
    api.approvals.r1 = makeApprovals();
    api.readiness.r2 = makeReadiness({
      items: [
        {
          id: 'approvals',
          label: 'Approvals complete',
          kind: 'automatic',
          passed: true,
          facts: [],
        },
      ],
    });
    api.approvals.r2 = makeApprovals({
      complete: true,
      pending: [],
      mayDecide: [],
    });
    await render(api);

    const first = await screen.findByTestId('readiness-row-r1');
    expect(
      within(first).getByRole('link', { name: 'Ledger 4' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r1');
    expect(within(first).getByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );
    expect(
      within(first).getByText('Approvals: waiting for group:default/payments'),
    ).toBeInTheDocument();
    const second = screen.getByTestId('readiness-row-r2');
    expect(within(second).getByTestId('readiness-verdict')).toHaveTextContent(
      /^ready$/,
    );
    expect(within(second).getByText('Approvals: approved')).toBeInTheDocument();
    expect(screen.queryByText('Other team')).toBeNull();
    expect(api.listCalls[0]).toMatchObject({
      owner: 'group:default/payments',
      order: 'asc',
      limit: 20,
    });
  });

  it('approves a release from the tab and shows the new verdict', async () => {
    const api = new FakeReleaseCoordinationApi([
      makeRelease({ id: 'r1', title: 'Ledger 4', window: soon(1) }),
    ]);
    api.readiness.r1 = makeReadiness();
    api.readiness.r1.items[2].passed = true;
    api.readiness.r1 = makeReadiness({ items: api.readiness.r1.items });
    api.approvals.r1 = makeApprovals();
    await render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Readiness of Ledger 4' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('readiness-verdict')).toHaveTextContent(
        /^ready$/,
      ),
    );
    expect(screen.getAllByTestId('readiness-verdict')).toHaveLength(1);
    expect(api.decideCalls).toEqual([
      { id: 'r1', decision: 'approve', comment: '' },
    ]);
  });

  it('says when nothing is upcoming', async () => {
    await render(new FakeReleaseCoordinationApi());
    expect(await screen.findByText('No upcoming releases')).toBeInTheDocument();
  });
});
