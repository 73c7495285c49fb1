import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeApprovals,
  makeApprovedApprovals,
  makeReadiness,
  makeReadinessAwaitingApprovals,
  makeReadyReadiness,
  makeRelease,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleaseReadiness } from './ReleaseReadiness';

const server = setupContractServer();
const ITEM = '/releases/r1/readiness/items/rollback-plan';

/** Declares the readiness and approvals of the release r1. */
function setup(readiness = makeReadiness(), approvals = makeApprovals()) {
  server.respond('get', '/releases/r1/readiness', readiness);
  server.respond('get', '/releases/r1/approvals', approvals);
}

/** Declares the readiness once alice checked the rollback plan item. */
function answerChecked(evidence?: string) {
  const readiness = makeReadiness({
    blocking: ['Approvals complete: not passed'],
  });
  readiness.items[2] = {
    ...readiness.items[2],
    passed: true,
    checkedBy: 'user:default/alice',
    checkedAt: '2030-02-02T09:00:00.000Z',
    ...(evidence ? { evidence } : {}),
  };
  server.respond('post', ITEM, readiness);
  server.respond('get', '/releases/r1/readiness', readiness);
}

/** Approvals where `by` decided for the payments group. */
function decided(decision: 'approve' | 'reject', comment: string, by: string) {
  const [required] = makeApprovals().required;
  const status = decision === 'approve' ? 'approved' : 'rejected';
  return makeApprovals({
    required: [{ ...required, status }],
    pending: [],
    complete: decision === 'approve',
    rejected: decision === 'reject',
    mayDecide: [],
    decisions: [
      {
        groupRef: 'group:default/payments',
        decision,
        comment,
        by: `user:default/${by}`,
        at: '2030-02-01T10:00:00.000Z',
      },
    ],
  });
}

async function render(
  options: { ownershipEntityRefs?: string[]; onChanged?: () => void } = {},
) {
  return renderInTestApp(
    <ReleaseReadiness
      release={makeRelease({ state: 'planned' })}
      onChanged={options.onChanged}
    />,
    {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({
          userEntityRef: 'user:default/alice',
          ownershipEntityRefs: options.ownershipEntityRefs ?? [
            'user:default/alice',
            'group:default/payments',
          ],
        }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('ReleaseReadiness', () => {
  it('shows the verdict, blocking reasons and items with their facts', async () => {
    const readiness = makeReadiness();
    readiness.items.push({
      id: 'release-notes',
      label: 'Release notes written',
      kind: 'manual',
      passed: true,
      facts: [],
      checkedBy: 'user:default/bob',
      checkedAt: '2030-02-01T10:00:00.000Z',
      evidence: 'https://example.com/notes',
    });
    setup(readiness);
    await render();

    expect(await screen.findByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );
    expect(screen.getByText('Readiness')).toBeInTheDocument();
    const blocking = screen.getByRole('list', { name: 'Blocking reasons' });
    expect(
      within(blocking).getByText('Approvals complete: not passed'),
    ).toBeInTheDocument();
    const checklist = screen.getByRole('list', { name: 'Checklist' });
    expect(
      within(checklist).getByText('Waiting for payments'),
    ).toBeInTheDocument();
    expect(within(checklist).getByText('No conflicts')).toBeInTheDocument();
    expect(within(checklist).getAllByTitle('failed')).toHaveLength(2);
    expect(within(checklist).getAllByTitle('passed')).toHaveLength(2);
    expect(within(checklist).getByText(/Checked by/)).toBeInTheDocument();
    expect(
      within(checklist).getByRole('link', { name: 'bob' }),
    ).toBeInTheDocument();
    expect(
      within(checklist).getByRole('link', { name: /Evidence/ }),
    ).toHaveAttribute('href', 'https://example.com/notes');
    // Automatic items have no checkbox.
    expect(within(checklist).getAllByRole('checkbox')).toHaveLength(2);
  });

  it('checks a manual item and refreshes', async () => {
    setup();
    const onChanged = jest.fn();
    await render({ onChanged });

    const checkbox = await screen.findByRole('checkbox', {
      name: 'Rollback plan reviewed',
    });
    expect(checkbox).not.toBeChecked();
    answerChecked();
    await userEvent.click(checkbox);

    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: 'Rollback plan reviewed' }),
      ).toBeChecked(),
    );
    expect(server.bodies('post', ITEM)).toEqual([{ checked: true }]);
    expect(await screen.findByText(/Checked by/)).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
    // members are told no reason why they could not
    expect(screen.queryByTestId('disabled-reason')).toBeNull();
  });

  it('checks an item with an evidence link from the keyboard and shows it with who and when', async () => {
    setup();
    await render();
    const field = await screen.findByRole('textbox', {
      name: 'Evidence link for Rollback plan reviewed',
    });
    await userEvent.type(field, 'not a link{Enter}');
    expect(
      screen.getByText('Enter a full URL, e.g. https://wiki.example.com/page'),
    ).toBeInTheDocument();
    expect(server.requests('post', ITEM)).toEqual([]);

    answerChecked('https://wiki.example.com/rollback');
    await userEvent.clear(field);
    await userEvent.type(field, 'https://wiki.example.com/rollback{Enter}');
    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: 'Rollback plan reviewed' }),
      ).toBeChecked(),
    );
    expect(server.bodies('post', ITEM)).toEqual([
      { checked: true, evidence: 'https://wiki.example.com/rollback' },
    ]);
    const checklist = screen.getByRole('list', { name: 'Checklist' });
    expect(
      within(checklist).getByRole('link', {
        name: /^Evidence: wiki\.example\.com\/rollback/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/rollback');
    expect(within(checklist).getByText(/Checked by/)).toHaveTextContent(
      /Checked by alice on .*2030/,
    );
    // a checked item offers no evidence field any more
    expect(
      screen.queryByRole('textbox', {
        name: 'Evidence link for Rollback plan reviewed',
      }),
    ).not.toBeInTheDocument();
  });

  it('sends the evidence typed before clicking the checkbox', async () => {
    setup();
    await render();
    await userEvent.type(
      await screen.findByRole('textbox', {
        name: 'Evidence link for Rollback plan reviewed',
      }),
      'https://ci.example.com/run/7',
    );
    answerChecked('https://ci.example.com/run/7');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Rollback plan reviewed' }),
    );
    await waitFor(() =>
      expect(server.bodies('post', ITEM)).toEqual([
        { checked: true, evidence: 'https://ci.example.com/run/7' },
      ]),
    );
  });

  it('shows the deadline of the approvals collected afterwards and who is overdue', async () => {
    setup(
      makeReadiness(),
      makeApprovals({
        rule: 'release-manager',
        required: [
          {
            groupRef: 'group:default/release-managers',
            reason: 'release-manager',
            entityRefs: [],
            phase: 'before',
            status: 'approved',
          },
          {
            groupRef: 'group:default/payments',
            reason: 'owner',
            entityRefs: ['component:default/payments-api'],
            phase: 'after',
            status: 'overdue',
          },
        ],
        decisions: [
          {
            groupRef: 'group:default/release-managers',
            decision: 'approve',
            comment: 'Outage',
            by: 'user:default/rita',
            at: '2030-02-01T10:00:00.000Z',
          },
        ],
        pending: [],
        pendingAfter: ['group:default/payments'],
        overdue: ['group:default/payments'],
        followUpDeadline: '2030-02-06T10:00:00.000Z',
        complete: true,
      }),
    );
    await render();
    expect(await screen.findByText('overdue (afterwards)')).toBeInTheDocument();
    expect(screen.getByTestId('approvals-follow-up')).toHaveTextContent(
      /To approve afterwards by .*2030.*: payments/,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      /Overdue since .*2030.*: payments still have to approve afterwards/,
    );
    expect(
      screen.getByText(/approved; overdue afterwards: payments/),
    ).toBeInTheDocument();
  });

  it('tells non-members in words why they can neither check items nor decide', async () => {
    setup(makeReadiness(), makeApprovals({ mayDecide: [] }));
    await render({ ownershipEntityRefs: ['user:default/alice'] });
    const checkbox = await screen.findByRole('checkbox', {
      name: 'Rollback plan reviewed',
    });
    expect(checkbox).toBeDisabled();
    const reason =
      'Only members of payments, which owns this release, can check items.';
    await waitFor(() => expect(screen.getByText(reason)).toBeVisible());
    expect(checkbox).toHaveAccessibleDescription(reason);
    const refusal =
      'Only members of payments can decide; you are not a member.';
    expect(screen.getByTestId('decision-refusal')).toHaveTextContent(refusal);
    for (const name of ['Approve', 'Reject']) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(refusal);
    }
  });

  it('approves with a comment and shows the new verdict', async () => {
    setup(makeReadinessAwaitingApprovals());
    const onChanged = jest.fn();
    await render({ onChanged });

    expect(await screen.findByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Looks good',
    );
    const approved = makeApprovedApprovals();
    approved.decisions[0].comment = 'Looks good';
    server.respond('post', '/releases/r1/approvals', approved);
    setup(makeReadyReadiness(), approved);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('readiness-verdict')).toHaveTextContent(
        /^ready$/,
      ),
    );
    expect(server.bodies('post', '/releases/r1/approvals')).toEqual([
      { decision: 'approve', comment: 'Looks good' },
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    const required = screen.getByRole('list', { name: 'Required approvals' });
    expect(within(required).getByText('approved')).toBeInTheDocument();
    expect(within(required).getByText(/Looks good/)).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('requires a comment to reject', async () => {
    setup();
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );
    expect(
      within(dialog).getByText('Say why you reject the release'),
    ).toBeInTheDocument();
    expect(server.requests('post', '/releases/r1/approvals')).toEqual([]);

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
      'Window too close to the sale',
    );
    const rejected = decided('reject', 'Window too close to the sale', 'alice');
    server.respond('post', '/releases/r1/approvals', rejected);
    setup(makeReadiness(), rejected);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );
    await waitFor(() =>
      expect(server.bodies('post', '/releases/r1/approvals')).toEqual([
        {
          decision: 'reject',
          comment: 'Window too close to the sale',
        },
      ]),
    );
    const required = await screen.findByRole('list', {
      name: 'Required approvals',
    });
    expect(await within(required).findByText('rejected')).toBeInTheDocument();
  });

  it('lets the member who decided withdraw', async () => {
    setup(makeReadiness(), decided('reject', 'Not yet', 'alice'));
    await render();

    expect(await screen.findByText(/Not yet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    server.respond(
      'delete',
      '/releases/r1/approvals/{groupRef}',
      makeApprovals(),
    );
    setup();
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    // it asks first, and nothing is withdrawn until confirmed
    const confirm = await screen.findByRole('dialog', {
      name: 'Withdraw this decision?',
    });
    expect(confirm).toHaveTextContent(
      /The rejection of\s*payments\s*no longer counts/,
    );
    expect(
      server.requests('delete', '/releases/r1/approvals/{groupRef}'),
    ).toEqual([]);
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Withdraw' }),
    );

    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(
      server.requests('delete', '/releases/r1/approvals/{groupRef}'),
    ).toEqual([
      expect.objectContaining({
        params: { id: 'r1', groupRef: 'group:default/payments' },
      }),
    ]);
    expect(screen.queryByText(/Not yet/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull();
  });

  it('says why each group must approve', async () => {
    setup(
      makeReadiness(),
      makeApprovals({
        required: [
          ...makeApprovals().required,
          {
            groupRef: 'group:default/storefront',
            reason: 'affected-dependent',
            entityRefs: ['component:default/storefront-bff'],
            phase: 'before',
            status: 'pending',
          },
        ],
      }),
    );
    await render();

    expect(await screen.findByText('owner')).toBeInTheDocument();
    expect(
      screen.getByText('owner of an affected dependent'),
    ).toBeInTheDocument();
  });

  it('shows no buttons for groups the user may not decide for', async () => {
    setup(makeReadiness(), decided('approve', '', 'bob'));
    await render();

    expect(await screen.findByText(/Approved by/)).toBeInTheDocument();
    for (const name of ['Approve', 'Reject', 'Withdraw']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });

  it('shows a refusal of the backend', async () => {
    setup();
    server.fail(
      'post',
      '/releases/r1/approvals',
      403,
      'The creator of a release cannot approve it',
    );
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The creator of a release cannot approve it',
    );
  });

  it('shows a refused withdrawal in an alert', async () => {
    setup(makeReadiness(), decided('approve', '', 'alice'));
    server.fail(
      'delete',
      '/releases/r1/approvals/{groupRef}',
      409,
      'The release has started',
    );
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Withdraw' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Withdraw',
      }),
    );
    expect(
      await screen.findByText('The release has started'),
    ).toBeInTheDocument();
  });

  it('renders nothing on backends without readiness', async () => {
    server.fail('get', '/releases/r1/readiness', 404);
    server.fail('get', '/releases/r1/approvals', 404);
    await render();
    await waitFor(() => expect(screen.queryByText('Readiness')).toBeNull());
    expect(screen.queryByTestId('readiness-verdict')).toBeNull();
  });
});
