import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
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
import { ReleaseReadiness } from './ReleaseReadiness';

function setup() {
  const api = new FakeReleaseCoordinationApi([
    makeRelease({ state: 'planned' }),
  ]);
  api.readiness.r1 = makeReadiness();
  api.approvals.r1 = makeApprovals();
  return api;
}

/** Approvals where `by` decided for the payments group. */
function decided(decision: 'approve' | 'reject', comment: string, by: string) {
  return makeApprovals({
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
  api: FakeReleaseCoordinationApi,
  options: { ownershipEntityRefs?: string[]; onChanged?: () => void } = {},
) {
  return renderInTestApp(
    <ReleaseReadiness
      release={api.releases[0]}
      onChanged={options.onChanged}
    />,
    {
      apis: [
        [releaseCoordinationApiRef, api],
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
    const api = setup();
    api.readiness.r1.items.push({
      id: 'release-notes',
      label: 'Release notes written',
      kind: 'manual',
      passed: true,
      facts: [],
      checkedBy: 'user:default/bob',
      checkedAt: '2030-02-01T10:00:00.000Z',
      evidence: 'https://example.com/notes',
    });
    await render(api);

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
      within(checklist).getByText('Waiting for group:default/payments'),
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
    const api = setup();
    const onChanged = jest.fn();
    await render(api, { onChanged });

    const checkbox = await screen.findByRole('checkbox', {
      name: 'Rollback plan reviewed',
    });
    expect(checkbox).not.toBeChecked();
    await userEvent.click(checkbox);

    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: 'Rollback plan reviewed' }),
      ).toBeChecked(),
    );
    expect(api.checkItemCalls).toEqual([
      { id: 'r1', itemId: 'rollback-plan', checked: true },
    ]);
    expect(await screen.findByText(/Checked by/)).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it('checks an item with an evidence link from the keyboard and shows it with who and when', async () => {
    const api = setup();
    await render(api);
    const field = await screen.findByRole('textbox', {
      name: 'Evidence link for Rollback plan reviewed',
    });
    await userEvent.type(field, 'not a link{Enter}');
    expect(
      screen.getByText('Enter a full URL, e.g. https://wiki.example.com/page'),
    ).toBeInTheDocument();
    expect(api.checkItemCalls).toEqual([]);

    await userEvent.clear(field);
    await userEvent.type(field, 'https://wiki.example.com/rollback{Enter}');
    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: 'Rollback plan reviewed' }),
      ).toBeChecked(),
    );
    expect(api.checkItemCalls).toEqual([
      {
        id: 'r1',
        itemId: 'rollback-plan',
        checked: true,
        evidence: 'https://wiki.example.com/rollback',
      },
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
    const api = setup();
    await render(api);
    await userEvent.type(
      await screen.findByRole('textbox', {
        name: 'Evidence link for Rollback plan reviewed',
      }),
      'https://ci.example.com/run/7',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Rollback plan reviewed' }),
    );
    await waitFor(() =>
      expect(api.checkItemCalls).toEqual([
        {
          id: 'r1',
          itemId: 'rollback-plan',
          checked: true,
          evidence: 'https://ci.example.com/run/7',
        },
      ]),
    );
  });

  it('shows the deadline of the approvals collected afterwards and who is overdue', async () => {
    const api = setup();
    api.approvals.r1 = makeApprovals({
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
    });
    await render(api);
    expect(await screen.findByText('overdue (afterwards)')).toBeInTheDocument();
    expect(screen.getByTestId('approvals-follow-up')).toHaveTextContent(
      /To approve afterwards by .*2030.*: group:default\/payments/,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      /Overdue since .*2030.*: group:default\/payments still have to approve afterwards/,
    );
    expect(
      screen.getByText(/approved; overdue afterwards: group:default\/payments/),
    ).toBeInTheDocument();
  });

  it('does not let non-members check items', async () => {
    await render(setup(), { ownershipEntityRefs: ['user:default/alice'] });
    expect(
      await screen.findByRole('checkbox', { name: 'Rollback plan reviewed' }),
    ).toBeDisabled();
  });

  it('approves with a comment and shows the new verdict', async () => {
    const api = setup();
    api.readiness.r1 = makeReadiness();
    api.readiness.r1.items[2].passed = true;
    api.readiness.r1 = makeReadiness({ items: api.readiness.r1.items });
    const onChanged = jest.fn();
    await render(api, { onChanged });

    expect(await screen.findByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Looks good',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('readiness-verdict')).toHaveTextContent(
        /^ready$/,
      ),
    );
    expect(api.decideCalls).toEqual([
      { id: 'r1', decision: 'approve', comment: 'Looks good' },
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
    const api = setup();
    await render(api);

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
    expect(api.decideCalls).toEqual([]);

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
      'Window too close to the sale',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );
    await waitFor(() =>
      expect(api.decideCalls).toEqual([
        {
          id: 'r1',
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
    const api = setup();
    api.approvals.r1 = decided('reject', 'Not yet', 'alice');
    await render(api);

    expect(await screen.findByText(/Not yet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw' }));

    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(api.withdrawCalls).toEqual([
      { id: 'r1', groupRef: 'group:default/payments' },
    ]);
    expect(screen.queryByText(/Not yet/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Withdraw' })).toBeNull();
  });

  it('says why each group must approve', async () => {
    const api = setup();
    api.approvals.r1 = makeApprovals({
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
    });
    await render(api);

    expect(await screen.findByText('owner')).toBeInTheDocument();
    expect(
      screen.getByText('owner of an affected dependent'),
    ).toBeInTheDocument();
  });

  it('shows no buttons for groups the user may not decide for', async () => {
    const api = setup();
    api.approvals.r1 = decided('approve', '', 'bob');
    await render(api);

    expect(await screen.findByText(/Approved by/)).toBeInTheDocument();
    for (const name of ['Approve', 'Reject', 'Withdraw']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });

  it('shows a refusal of the backend', async () => {
    const api = setup();
    api.failures.decideReleaseApproval =
      await FakeReleaseCoordinationApi.errorResponse(
        403,
        'NotAllowedError',
        'The creator of a release cannot approve it',
      );
    await render(api);

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
    const api = setup();
    api.approvals.r1 = decided('approve', '', 'alice');
    api.failures.withdrawReleaseApproval =
      await FakeReleaseCoordinationApi.errorResponse(
        409,
        'ConflictError',
        'The release has started',
      );
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Withdraw' }),
    );
    expect(
      await screen.findByText('The release has started'),
    ).toBeInTheDocument();
  });

  it('renders nothing on backends without readiness', async () => {
    const api = new FakeReleaseCoordinationApi([makeRelease()]);
    await render(api);
    await waitFor(() => expect(screen.queryByText('Readiness')).toBeNull());
    expect(screen.queryByTestId('readiness-verdict')).toBeNull();
  });
});
