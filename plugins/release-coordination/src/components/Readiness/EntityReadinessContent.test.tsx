import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerReadiness } from '../../__testUtils__/answers';
import {
  makeApprovals,
  makeApprovedApprovals,
  makeReadiness,
  makeReadinessAwaitingApprovals,
  makeReadyReadiness as ready,
  makeRelease,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { EntityReadinessContent } from './EntityReadinessContent';
import { ApprovalInboxItem } from '@internal/plugin-release-coordination-common';
import { makeInboxItem } from '../Inbox/__testUtils__/inboxFixtures';

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

const server = setupContractServer();

/** Renders the group's tab; its inbox holds `inbox`. */
async function render(inbox: ApprovalInboxItem[] = []) {
  server.respond('get', '/approvals/inbox', { items: inbox });
  return renderInTestApp(
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
}

describe('EntityReadinessContent', () => {
  it('lists the upcoming releases with verdicts and approvals', async () => {
    // The backend answers the group's releases (the owner filter is its).
    server.respond('get', '/releases', {
      items: [
        makeRelease({ id: 'r1', title: 'Ledger 4', window: soon(1) }),
        makeRelease({
          id: 'r2',
          title: 'Refunds 2',
          state: 'approved',
          window: soon(5),
        }),
      ],
    });
    answerReadiness(server, {
      r1: { readiness: makeReadiness(), approvals: makeApprovals() },
      r2: {
        readiness: ready([
          {
            id: 'approvals',
            label: 'Approvals complete',
            kind: 'automatic',
            passed: true,
            facts: [],
          },
        ]),
        approvals: makeApprovals({
          complete: true,
          pending: [],
          mayDecide: [],
        }),
      },
    });
    await render();

    const first = await screen.findByTestId('readiness-row-r1');
    // The summary holds no link: a link inside its button would be unreachable.
    expect(within(first).queryByRole('link')).toBeNull();
    expect(within(first).getByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );
    expect(
      within(first).getByText('Approvals: waiting for payments'),
    ).toBeInTheDocument();
    const second = screen.getByTestId('readiness-row-r2');
    expect(within(second).getByTestId('readiness-verdict')).toHaveTextContent(
      /^ready$/,
    );
    expect(within(second).getByText('Approvals: approved')).toBeInTheDocument();
    expect(server.queries('get', '/releases')[0]).toMatchObject({
      owner: 'group:default/payments',
      order: 'asc',
      limit: 20,
    });
  });

  it('approves a release from the tab and shows the new verdict', async () => {
    server.respond('get', '/releases', {
      items: [makeRelease({ id: 'r1', title: 'Ledger 4', window: soon(1) })],
    });
    answerReadiness(server, {
      r1: {
        readiness: makeReadinessAwaitingApprovals(),
        approvals: makeApprovals(),
      },
    });
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: /^Ledger 4 2\.1\.0 / }),
    );
    expect(
      await screen.findByRole('link', {
        name: 'Release page of Ledger 4 2.1.0',
      }),
    ).toHaveAttribute('href', '/release-coordination/releases/r1');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    // Once approved, the approvals are complete and the release is ready.
    const approved = makeApprovedApprovals();
    server.respond('post', '/releases/r1/approvals', approved);
    answerReadiness(server, {
      r1: { readiness: ready(), approvals: approved },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('readiness-verdict')).toHaveTextContent(
        /^ready$/,
      ),
    );
    expect(screen.getAllByTestId('readiness-verdict')).toHaveLength(1);
    expect(server.bodies('post', '/releases/r1/approvals')).toEqual([
      { decision: 'approve', comment: '' },
    ]);
  });

  it('says when nothing is upcoming', async () => {
    server.respond('get', '/releases', { items: [] });
    await render();
    expect(await screen.findByText('No upcoming releases')).toBeInTheDocument();
  });

  it("starts with the releases waiting for this group's decision, asking the inbox for this group only", async () => {
    server.respond('get', '/releases', { items: [] });
    // The backend answers this group's page of the inbox (the group filter is its).
    await render([
      makeInboxItem({
        id: 'r7',
        title: 'Ledger 5',
        groupRef: 'group:default/payments',
      }),
    ]);
    expect(
      await screen.findByRole('heading', { name: 'Waiting for this team' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('listitem', { name: 'Ledger 5 5.0.0' }),
    ).toBeInTheDocument();
    expect(server.queries('get', '/approvals/inbox')).toEqual([
      { limit: 20, groupRef: 'group:default/payments' },
    ]);
  });
});
