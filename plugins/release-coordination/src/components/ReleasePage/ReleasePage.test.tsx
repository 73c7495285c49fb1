import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeTrain } from '../../__fixtures__/builders';
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
      'Overview',
      'Readiness',
      'Rollback',
      'Success criteria',
      'Status report',
      'Issues',
      'Review and notes',
      'Details and changes',
      'History',
      'Impact',
    ]);
    // Every part of the page is a section a link leads to, in page order...
    const page = nav.closest('section')!.parentElement!;
    const parts = Array.from(page.children);
    expect(parts.map(part => `#${part.id}`)).toEqual(
      links.map(link => link.getAttribute('href')),
    );
    // ... and a landmark named by a heading.
    for (const part of parts) {
      const region = part.matches('section')
        ? part
        : part.querySelector('section');
      const headingId = region?.getAttribute('aria-labelledby');
      expect(headingId).toBeTruthy();
      const heading = document.getElementById(headingId!);
      expect(heading?.tagName).toMatch(/^H[12]$/);
      expect(screen.getByRole('region', { name: heading!.textContent! })).toBe(
        region,
      );
    }
    // The overview is named by the release's title.
    expect(
      screen.getByRole('region', { name: 'Payments 2.1 2.1.0' }),
    ).toHaveAttribute('id', 'release-overview');
  });

  it('marks the section in view in "On this page"', async () => {
    let report: IntersectionObserverCallback = () => {};
    const observed: Element[] = [];
    const original = window.IntersectionObserver;
    window.IntersectionObserver = class {
      constructor(callback: IntersectionObserverCallback) {
        report = callback;
      }
      observe(element: Element) {
        observed.push(element);
      }
      disconnect() {}
    } as unknown as typeof IntersectionObserver;
    try {
      setup();
      await render();
      const nav = await screen.findByRole('navigation', {
        name: 'On this page',
      });
      const history = document.getElementById('release-history')!;
      expect(observed).toContain(history);
      act(() =>
        report(
          [{ target: history, isIntersecting: true }] as any,
          {} as IntersectionObserver,
        ),
      );
      expect(
        within(nav).getByRole('link', { name: 'History' }),
      ).toHaveAttribute('aria-current', 'location');
      expect(
        within(nav).getByRole('link', { name: 'Overview' }),
      ).not.toHaveAttribute('aria-current');
    } finally {
      window.IntersectionObserver = original;
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

  it('disables editing, moving and booking for others and says why once, in words', async () => {
    setup();
    server.respond('get', '/trains', {
      items: [
        makeTrain({
          scope: { systems: [], entities: ['component:default/payments-api'] },
        }),
      ],
    });
    await render(['user:default/mallory', 'group:default/other']);
    const reason =
      'Only members of payments, which owns this release, can edit or move it.';
    const book = await screen.findByRole('button', { name: 'Book on a train' });
    await waitFor(() => expect(book).toBeDisabled());
    // said once under the row of buttons, not beside each
    expect(screen.getByText(reason)).toBeVisible();
    for (const name of ['Edit', 'Move to planned', 'Cancel release']) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(reason);
    }
    expect(book).toHaveAccessibleDescription(reason);
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
