import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeApprovedApprovals } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ApprovalInbox } from './ApprovalInbox';
import { ApprovalInboxCardContent } from './ApprovalInboxCard';
import { makeInboxItem } from './__testUtils__/inboxFixtures';

const server = setupContractServer();

const ALICE = 'user:default/alice';

function render(
  element = <ApprovalInbox now={new Date('2030-02-27T09:00:00Z')} />,
  ownershipEntityRefs = [ALICE, 'group:default/payments'],
) {
  return renderInTestApp(element, {
    apis: [
      [releaseCoordinationApiRef, server.api],
      mockApis.identity({ userEntityRef: ALICE, ownershipEntityRefs }),
    ],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('ApprovalInbox', () => {
  it("lists each release with the team's affected components, the dependency path and the deadline", async () => {
    server.respond('get', '/approvals/inbox', {
      items: [
        makeInboxItem({
          id: 'r1',
          path: ['component:default/ledger', 'component:default/payments-api'],
        }),
      ],
    });
    await render();
    const item = await screen.findByRole('listitem', {
      name: 'Ledger 5 5.0.0',
    });
    expect(item).toHaveTextContent(
      'payments owns payments-api, which depends on what this release changes:',
    );
    expect(item).toHaveTextContent('ledger → payments-api');
    expect(
      within(item).getAllByRole('link', { name: 'payments' })[0],
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(within(item).getByTestId('inbox-deadline')).toHaveTextContent(
      /Decide by .*2030.* \(in 2 days\)/,
    );
    expect(
      within(item).getByRole('link', { name: 'Ledger 5 5.0.0' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r1');
    // no raw refs in what people read
    expect(item).not.toHaveTextContent('group:default');
    expect(item).not.toHaveTextContent('component:default');
  });

  it('approves in place with a comment and drops the decided release', async () => {
    server.respond('get', '/approvals/inbox', {
      items: [makeInboxItem({ id: 'r1' })],
    });
    await render();
    const item = await screen.findByRole('listitem', {
      name: 'Ledger 5 5.0.0',
    });
    expect(item).toHaveTextContent('for payments');
    server.respond('post', '/releases/r1/approvals', makeApprovedApprovals());
    await userEvent.click(
      within(item).getByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Fine by us',
    );
    server.respond('get', '/approvals/inbox', { items: [] });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    expect(
      await screen.findByText('Nothing waiting for a decision'),
    ).toBeInTheDocument();
    expect(server.bodies('post', '/releases/r1/approvals')).toEqual([
      { decision: 'approve', comment: 'Fine by us' },
    ]);
  });

  it('says in words why the creator cannot decide, next to the disabled buttons', async () => {
    server.respond('get', '/approvals/inbox', {
      items: [makeInboxItem({ id: 'r1', createdBy: ALICE, mayDecide: false })],
    });
    await render();
    const item = await screen.findByRole('listitem', {
      name: 'Ledger 5 5.0.0',
    });
    await waitFor(() =>
      expect(within(item).getByTestId('decision-refusal')).toHaveTextContent(
        'You created this release, so you cannot approve or reject it yourself',
      ),
    );
    expect(
      within(item).getByRole('button', { name: 'Approve' }),
    ).toBeDisabled();
    expect(within(item).getByRole('button', { name: 'Reject' })).toBeDisabled();
  });

  it('pages with the cursor', async () => {
    server.respond('get', '/approvals/inbox', request =>
      request.query.cursor === 'next'
        ? { items: [makeInboxItem({ id: 'r2', title: 'Search 6' })] }
        : { items: [makeInboxItem({ id: 'r1' })], nextCursor: 'next' },
    );
    await render();
    await screen.findByRole('listitem', { name: 'Ledger 5 5.0.0' });
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('listitem', { name: 'Search 6 5.0.0' }),
    ).toBeInTheDocument();
    expect(server.queries('get', '/approvals/inbox')).toEqual([
      { limit: 20 },
      { limit: 20, cursor: 'next' },
    ]);
  });

  it('as a home card, shows the first releases and links to the whole inbox', async () => {
    server.respond('get', '/approvals/inbox', {
      items: [makeInboxItem({ id: 'r1' })],
      nextCursor: 'more',
    });
    await render(<ApprovalInboxCardContent limit={1} />);
    expect(
      await screen.findByRole('listitem', { name: 'Ledger 5 5.0.0' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('More releases wait in the inbox.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the whole inbox' }),
    ).toHaveAttribute('href', '/release-coordination?tab=inbox');
    expect(screen.queryByRole('button', { name: 'Next page' })).toBeNull();
    expect(server.queries('get', '/approvals/inbox')).toEqual([{ limit: 1 }]);
  });
});
