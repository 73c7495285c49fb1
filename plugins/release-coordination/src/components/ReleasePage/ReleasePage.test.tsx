import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releasePageKit } from './__testUtils__/releasePageKit';

const server = setupContractServer();
const { setup, changed, moved, render } = releasePageKit(server);

describe('ReleasePage', () => {
  it('links every section from "On this page"', async () => {
    setup();
    await render();
    const nav = await screen.findByRole('navigation', { name: 'On this page' });
    const links = within(nav).getAllByRole('link');
    expect(links.map(link => link.textContent)).toEqual([
      'Readiness',
      'Rollback',
      'Status report',
      'Review and notes',
      'Details and changes',
      'History',
      'Impact',
    ]);
    for (const link of links) {
      const id = link.getAttribute('href')!.replace(/^#/, '');
      expect(document.getElementById(id)).not.toBeNull();
    }
  });

  it('shows the rollback plan as Markdown', async () => {
    setup({ rollbackPlan: 'Redeploy **2.0.9**' });
    await render();
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
    setup();
    await render();

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
    setup();
    await render();
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
    setup();
    await render(['user:default/mallory', 'group:default/other']);
    const button = await screen.findByRole('button', {
      name: 'Move to planned',
    });
    await waitFor(() => expect(button).toBeDisabled());
    expect(button.parentElement).toHaveAttribute(
      'title',
      expect.stringContaining('Only members of payments'),
    );
  });

  it('labels the transitions with words, leaving verify and rollback decisions to their sections', async () => {
    setup({ state: 'released' });
    await render();
    expect(
      await screen.findByRole('button', { name: 'Move to rolled back' }),
    ).toBeInTheDocument();
    // verifying and deciding a rollback belong to their own sections
    expect(
      screen.queryByRole('button', { name: 'Move to verified' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Move to rolling back' }),
    ).not.toBeInTheDocument();
  });

  it('moves the release and refreshes state and history', async () => {
    const release = setup();
    await render();
    const planned = { ...release, state: 'planned' as const, revision: 2 };
    server.respond('post', '/releases/r1/transition', planned);
    changed(planned, moved('draft', 'planned'));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move to planned' }),
    );

    await waitFor(() =>
      expect(screen.getByTestId('release-state')).toHaveTextContent('planned'),
    );
    expect(server.bodies('post', '/releases/r1/transition')).toEqual([
      { to: 'planned' },
    ]);
    expect(screen.getByText(/moved it to planned/)).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Move to approved' }),
    ).toBeEnabled();
  });

  it('asks a reason when cancelling', async () => {
    const release = setup();
    await render();
    const cancelled = { ...release, state: 'cancelled' as const, revision: 2 };
    server.respond('post', '/releases/r1/transition', cancelled);
    changed(cancelled, moved('draft', 'cancelled'));
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
    expect(server.bodies('post', '/releases/r1/transition')).toEqual([
      { to: 'cancelled', reason: 'Not needed' },
    ]);
  });

  it('shows a rejected transition in an alert', async () => {
    setup();
    server.fail(
      'post',
      '/releases/r1/transition',
      403,
      'You are not a member of group:default/payments',
    );
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move to planned' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You are not a member of group:default/payments',
    );
  });

  it('says when the release does not exist', async () => {
    setup();
    server.fail('get', '/releases/r1', 404, 'no release r1');
    await render();
    expect(await screen.findByText('Release not found')).toBeInTheDocument();
  });

  it('shows other errors', async () => {
    setup();
    server.fail('get', '/releases/r1', 503, 'network down');
    await render();
    expect(await screen.findAllByText(/network down/)).not.toHaveLength(0);
  });
});
