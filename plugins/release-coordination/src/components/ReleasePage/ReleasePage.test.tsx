import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  FakeReleaseCoordinationApi,
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
