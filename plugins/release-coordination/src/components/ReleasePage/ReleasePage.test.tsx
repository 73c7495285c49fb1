import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import {
  FakeReleaseCoordinationApi,
  makeApprovals,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/FakeReleaseCoordinationApi';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleasePage } from './ReleasePage';

function setup(overrides: Parameters<typeof makeRelease>[0] = {}) {
  const api = new FakeReleaseCoordinationApi([
    makeRelease({
      description: '## Rollout\n\nCanary **first**.',
      changes: [
        { kind: 'feature', title: 'Refunds', link: 'https://example.com/pr/1' },
        { kind: 'fix', title: 'Rounding' },
      ],
      ...overrides,
    }),
  ]);
  api.events.r1 = [
    {
      id: 'e1',
      releaseId: 'r1',
      action: 'created',
      actorRef: 'user:default/alice',
      createdAt: '2030-02-01T09:00:00.000Z',
      changes: [],
    },
    {
      id: 'e2',
      releaseId: 'r1',
      action: 'updated',
      actorRef: 'user:default/bob',
      createdAt: '2030-02-01T10:00:00.000Z',
      changes: [{ field: 'version', before: '2.0.9', after: '2.1.0' }],
      reason: 'semver',
    },
  ];
  return api;
}

async function render(
  api: FakeReleaseCoordinationApi,
  ownershipEntityRefs = ['user:default/alice', 'Group:default/Payments'],
) {
  return renderInTestApp(<ReleasePage releaseId="r1" />, {
    apis: [
      [releaseCoordinationApiRef, api],
      mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs,
      }),
    ],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('ReleasePage', () => {
  it('shows the rollback plan as Markdown', async () => {
    await render(setup({ rollbackPlan: 'Redeploy **2.0.9**' }));
    expect(
      await screen.findByRole('heading', { name: 'Payments 2.1 2.1.0' }),
    ).toBeInTheDocument();
    // the Markdown renderer loads lazily; give it more than one second on a busy machine
    expect(
      await screen.findByText('2.0.9', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('No rollback plan yet.')).not.toBeInTheDocument();
  });

  it('shows the fields, description, changes and history', async () => {
    await render(setup());

    expect(
      await screen.findByRole('heading', { name: 'Payments 2.1 2.1.0' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('release-state')).toHaveTextContent('draft');
    expect(screen.getByText('normal')).toBeInTheDocument();
    expect(screen.getByText('Revision')).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Rollout' }),
    ).toBeInTheDocument();
    expect(screen.getByText('first')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Refunds/ })).toHaveAttribute(
      'href',
      'https://example.com/pr/1',
    );
    expect(screen.getByText('Rounding')).toBeInTheDocument();
    expect(screen.getByText('No rollback plan yet.')).toBeInTheDocument();
    expect(screen.getByText('All releases')).toHaveAttribute(
      'href',
      '/release-coordination',
    );

    const history = screen.getByRole('list', { name: 'History' });
    expect(
      within(history).getByText(/created the release/),
    ).toBeInTheDocument();
    expect(
      within(history).getByText(/updated the release/),
    ).toBeInTheDocument();
    expect(within(history).getByText(/2\.0\.9 → 2\.1\.0/)).toBeInTheDocument();
    expect(within(history).getByText('Reason: semver')).toBeInTheDocument();
  });

  it('offers the allowed transitions to members of the owning group', async () => {
    await render(setup());
    expect(
      await screen.findByRole('button', { name: 'Move to planned' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Cancel release' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Move to approved' }),
    ).not.toBeInTheDocument();
  });

  it('disables transitions for others and says why', async () => {
    await render(setup(), ['user:default/mallory', 'group:default/other']);
    const button = await screen.findByRole('button', {
      name: 'Move to planned',
    });
    await waitFor(() => expect(button).toBeDisabled());
    expect(button.parentElement).toHaveAttribute(
      'title',
      expect.stringContaining('Only members of group:default/payments'),
    );
  });

  it('labels in-progress and rollback transitions with words', async () => {
    await render(setup({ state: 'released' }));
    expect(
      await screen.findByRole('button', { name: 'Move to verified' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Move to rolled back' }),
    ).toBeInTheDocument();
  });

  it('moves the release and refreshes state and history', async () => {
    const api = setup();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move to planned' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('release-state')).toHaveTextContent('planned'),
    );
    expect(api.transitionCalls).toEqual([{ id: 'r1', to: 'planned' }]);
    expect(screen.getByText(/moved it to planned/)).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Move to approved' }),
    ).toBeEnabled();
  });

  it('asks a reason when cancelling', async () => {
    const api = setup();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel release' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('Reason'), 'Not needed');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('release-state')).toHaveTextContent(
        'cancelled',
      ),
    );
    expect(api.transitionCalls).toEqual([
      { id: 'r1', to: 'cancelled', reason: 'Not needed' },
    ]);
  });

  it('shows a rejected transition in an alert', async () => {
    const api = setup();
    api.failures.transitionRelease =
      await FakeReleaseCoordinationApi.errorResponse(
        403,
        'NotAllowedError',
        'You are not a member of group:default/payments',
      );
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move to planned' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You are not a member of group:default/payments',
    );
  });

  it('says when the release does not exist', async () => {
    await render(new FakeReleaseCoordinationApi());
    expect(await screen.findByText('Release not found')).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    const api = setup();
    api.failures.getRelease = new Error('network down');
    await render(api);
    expect(await screen.findAllByText(/network down/)).not.toHaveLength(0);
  });
});

describe('ReleasePage editing', () => {
  const setValue = (label: string, value: string) =>
    fireEvent.change(within(screen.getByRole('dialog')).getByLabelText(label), {
      target: { value },
    });

  it('sends only the changed fields with the revision and refreshes', async () => {
    const api = setup({ revision: 4 });
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit release' });
    expect(within(dialog).getByLabelText('Title')).toHaveValue('Payments 2.1');
    expect(within(dialog).getAllByLabelText('Summary')[0]).toHaveValue(
      'Refunds',
    );
    expect(within(dialog).queryByLabelText('Add entity')).toBeNull();

    setValue('Title', 'Payments 2.2');
    const start = DateTime.fromISO('2030-03-01T09:00:00.000Z');
    setValue('End', start.plus({ hours: 3 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.updateCalls).toEqual([
      {
        id: 'r1',
        revision: 4,
        title: 'Payments 2.2',
        window: {
          start: '2030-03-01T09:00:00.000Z',
          end: '2030-03-01T12:00:00.000Z',
        },
      },
    ]);
    expect(
      await screen.findByRole('heading', { name: 'Payments 2.2 2.1.0' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Payments 2\.1 → Payments 2\.2/),
    ).toBeInTheDocument();
  });

  it('validates before sending and closes without a request when nothing changed', async () => {
    const api = setup();
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    setValue('Version', ' ');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Version')).toHaveAccessibleDescription(
      'Required',
    );
    setValue('Version', '2.1.0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.updateCalls).toEqual([]);
  });

  it('offers a reload when someone else changed the release', async () => {
    const api = setup();
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    // Someone else saves meanwhile.
    api.releases[0] = { ...api.releases[0], title: 'Theirs', revision: 2 };
    setValue('Title', 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Someone else changed this release; reload to see their changes',
    );
    expect(api.updateCalls).toEqual([{ id: 'r1', revision: 1, title: 'Mine' }]);
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload' }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Title')).toHaveValue('Theirs'),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    // The page behind the dialog shows the reloaded release too.
    expect(
      screen.getByRole('heading', { name: 'Theirs 2.1.0', hidden: true }),
    ).toBeInTheDocument();

    setValue('Title', 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.updateCalls[1]).toEqual({
      id: 'r1',
      revision: 2,
      title: 'Mine',
    });
  });

  it('shows other rejections in the dialog', async () => {
    const api = setup();
    api.failures.updateRelease = await FakeReleaseCoordinationApi.errorResponse(
      400,
      'InputError',
      'window: overlaps a freeze',
    );
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    setValue('Title', 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'window: overlaps a freeze',
    );
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });

  it('disables Edit for non-owners and says why', async () => {
    await render(setup(), ['user:default/mallory', 'group:default/other']);
    const button = await screen.findByRole('button', { name: 'Edit' });
    await waitFor(() => expect(button).toBeDisabled());
    expect(button.parentElement).toHaveAttribute(
      'title',
      'Only members of group:default/payments, which owns this release, can edit it.',
    );
  });

  it.each(['released', 'verified', 'rolled_back', 'cancelled'] as const)(
    'hides Edit for %s releases',
    async state => {
      await render(setup({ state }));
      await screen.findByRole('heading', { name: 'Payments 2.1 2.1.0' });
      expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    },
  );

  it('shows the readiness card and the verdict next to the state', async () => {
    const api = setup({ state: 'planned' });
    api.readiness.r1 = makeReadiness();
    api.readiness.r1.items[2].passed = true;
    api.readiness.r1 = makeReadiness({ items: api.readiness.r1.items });
    api.approvals.r1 = makeApprovals();
    await render(api);

    expect(await screen.findByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );
    expect(
      await screen.findByTestId('release-readiness-verdict'),
    ).toHaveTextContent('not ready');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('release-readiness-verdict')).toHaveTextContent(
        /^ready$/,
      ),
    );
    expect(screen.getByTestId('readiness-verdict')).toHaveTextContent(
      /^ready$/,
    );
  });

  it('shows no readiness on backends without it', async () => {
    await render(setup());
    expect(
      await screen.findByRole('heading', { name: 'Payments 2.1 2.1.0' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Readiness')).not.toBeInTheDocument(),
    );
    expect(screen.queryByTestId('release-readiness-verdict')).toBeNull();
  });

  it('shows the status report for stakeholders', async () => {
    await render(setup());
    expect(await screen.findByText('Status report')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Copy as text' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('status-report-risk')).toHaveTextContent(
      'not assessed',
    );
  });

  describe('starting a release that is not ready', () => {
    function notReady(type: 'emergency' | 'normal') {
      const api = setup({ state: 'approved', type });
      api.readiness.r1 = makeReadiness();
      return api;
    }

    it('offers emergencies a start with override, which needs a reason', async () => {
      const api = notReady('emergency');
      await render(api);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Start with override' }),
      );
      const dialog = await screen.findByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Start with override' }),
      );
      expect(await within(dialog).findByText('Give a reason')).toBeVisible();
      expect(api.transitionCalls).toEqual([]);

      await userEvent.type(
        within(dialog).getByRole('textbox', { name: /Reason/ }),
        'Payments are down',
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Start with override' }),
      );
      await waitFor(() =>
        expect(screen.getByTestId('release-state')).toHaveTextContent(
          'in progress',
        ),
      );
      expect(api.transitionCalls).toEqual([
        {
          id: 'r1',
          to: 'in_progress',
          override: { reason: 'Payments are down' },
        },
      ]);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    });

    it('shows a refused override in the dialog', async () => {
      const api = notReady('emergency');
      api.failures.transitionRelease =
        await FakeReleaseCoordinationApi.errorResponse(
          409,
          'ConflictError',
          'Release r1 is not ready: Approvals complete: not passed',
        );
      await render(api);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Start with override' }),
      );
      const dialog = await screen.findByRole('dialog');
      await userEvent.type(
        within(dialog).getByRole('textbox', { name: /Reason/ }),
        'Payments are down',
      );
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Start with override' }),
      );
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        'Release r1 is not ready: Approvals complete: not passed',
      );
    });

    it('offers other releases no override and shows the refusal with its reasons', async () => {
      const api = notReady('normal');
      await render(api);
      const start = await screen.findByRole('button', {
        name: 'Move to in progress',
      });
      await screen.findByTestId('release-readiness-verdict');
      expect(
        screen.queryByRole('button', { name: 'Start with override' }),
      ).toBeNull();
      expect(start).toBeEnabled();
      await userEvent.click(start);
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Release r1 is not ready: Approvals complete: not passed | Rollback plan reviewed: not passed',
      );
      expect(api.transitionCalls).toEqual([{ id: 'r1', to: 'in_progress' }]);
      expect(screen.getByTestId('release-state')).toHaveTextContent('approved');
    });
  });
});
