import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { answerReadiness } from '../../__testUtils__/answers';
import {
  makeApprovals,
  makeApprovedApprovals,
  makeReadiness,
  makeReadinessAwaitingApprovals,
  makeReadyReadiness,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releasePageKit } from './__testUtils__/releasePageKit';

const server = setupContractServer();
const { history, setup, changed, moved, render } = releasePageKit(server);

/**
 * Text matches outside the "On this page" links and the sections' headings
 * (read out, not shown), which name every section.
 */
const SECTION_NAMES = 'nav a, section > h2, script, style';

describe('ReleasePage editing', () => {
  beforeEach(() => {
    // The edit dialog's live window check.
    server.respond('get', '/freeze-occurrences', { items: [] });
    server.respond('get', '/releases', { items: [] });
  });
  const setValue = (label: string, value: string) =>
    fireEvent.change(within(screen.getByRole('dialog')).getByLabelText(label), {
      target: { value },
    });

  it('sends only the changed fields with the revision and refreshes', async () => {
    const release = setup({ revision: 4 });
    await render();
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
    const edited = { ...release, title: 'Payments 2.2', revision: 5 };
    server.respond('patch', '/releases/r1', edited);
    changed(edited, {
      ...history[1],
      id: 'e3',
      actorRef: 'user:default/alice',
      changes: [
        { field: 'title', before: 'Payments 2.1', after: 'Payments 2.2' },
      ],
      reason: undefined,
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.bodies('patch', '/releases/r1')).toEqual([
      {
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
    setup();
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    setValue('Version', ' ');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Version')).toHaveAccessibleDescription(
      'Required',
    );
    setValue('Version', '2.1.0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.requests('patch', '/releases/r1')).toEqual([]);
  });

  it('offers a reload when someone else changed the release', async () => {
    const release = setup();
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    // Someone else saves meanwhile.
    const theirs = { ...release, title: 'Theirs', revision: 2 };
    changed(theirs);
    server.fail(
      'patch',
      '/releases/r1',
      409,
      'release r1 is at revision 2, not 1',
    );
    setValue('Title', 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Someone else changed this release; reload to see their changes',
    );
    expect(server.bodies('patch', '/releases/r1')).toEqual([
      { revision: 1, title: 'Mine' },
    ]);
    server.respond('patch', '/releases/r1', { ...theirs, title: 'Mine' });
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
    expect(server.bodies('patch', '/releases/r1')[1]).toEqual({
      revision: 2,
      title: 'Mine',
    });
  });

  it('shows other rejections in the dialog', async () => {
    setup();
    server.fail('patch', '/releases/r1', 400, 'window: overlaps a freeze');
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    setValue('Title', 'Mine');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'window: overlaps a freeze',
    );
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });

  it('disables Edit for non-owners and says why', async () => {
    setup();
    await render(['user:default/mallory', 'group:default/other']);
    const button = await screen.findByRole('button', { name: 'Edit' });
    await waitFor(() => expect(button).toBeDisabled());
    const reason =
      'Only members of payments, which owns this release, can edit or move it.';
    expect(screen.getByText(reason)).toBeVisible();
    expect(button).toHaveAccessibleDescription(reason);
  });

  it.each(['released', 'verified', 'rolled_back', 'cancelled'] as const)(
    'hides Edit for %s releases',
    async state => {
      setup({ state });
      await render();
      await screen.findByRole('heading', { name: 'Payments 2.1 2.1.0' });
      expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    },
  );

  it('shows the readiness card and the verdict next to the state', async () => {
    setup({ state: 'planned' });
    answerReadiness(server, {
      r1: {
        readiness: makeReadinessAwaitingApprovals(),
        approvals: makeApprovals(),
      },
    });
    await render();

    expect(await screen.findByTestId('readiness-verdict')).toHaveTextContent(
      'not ready',
    );
    expect(
      await screen.findByTestId('release-readiness-verdict'),
    ).toHaveTextContent('not ready');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    const approved = makeApprovedApprovals();
    server.respond('post', '/releases/r1/approvals', approved);
    answerReadiness(server, {
      r1: { readiness: makeReadyReadiness(), approvals: approved },
    });
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
    setup();
    await render();
    expect(
      await screen.findByRole('heading', { name: 'Payments 2.1 2.1.0' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByText('Readiness', { ignore: SECTION_NAMES }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.queryByTestId('release-readiness-verdict')).toBeNull();
  });

  it('shows the status report for stakeholders', async () => {
    setup();
    await render();
    expect(
      await screen.findByText('Status report', { ignore: SECTION_NAMES }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Copy as text' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('status-report-risk')).toHaveTextContent(
      'not assessed',
    );
  });

  describe('starting a release that is not ready', () => {
    const notReady = (type: 'emergency' | 'normal') =>
      setup({ state: 'approved', type }, makeReadiness());

    it('offers emergencies a start with override, which needs a reason', async () => {
      const release = notReady('emergency');
      await render();
      await userEvent.click(
        await screen.findByRole('button', { name: 'Start with override' }),
      );
      const dialog = await screen.findByRole('dialog');
      const started = { ...release, state: 'in_progress' as const };
      server.respond('post', '/releases/r1/transition', started);
      changed(started, moved('approved', 'in_progress'));
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Start with override' }),
      );
      expect(await within(dialog).findByText('Give a reason')).toBeVisible();
      expect(server.requests('post', '/releases/r1/transition')).toEqual([]);

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
      expect(server.bodies('post', '/releases/r1/transition')).toEqual([
        {
          to: 'in_progress',
          override: { reason: 'Payments are down' },
        },
      ]);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    });

    it('shows a refused override in the dialog', async () => {
      notReady('emergency');
      server.fail(
        'post',
        '/releases/r1/transition',
        409,
        'Release r1 is not ready: Approvals complete: not passed',
      );
      await render();
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

    it('offers other releases no override and says before the click why they cannot start', async () => {
      notReady('normal');
      await render();
      const start = await screen.findByRole('button', {
        name: 'Move to in progress',
      });
      await screen.findByTestId('release-readiness-verdict');
      expect(
        screen.queryByRole('button', { name: 'Start with override' }),
      ).toBeNull();
      await waitFor(() => expect(start).toBeDisabled());
      const blockers = screen.getByTestId('transition-blockers');
      expect(blockers).toHaveTextContent(
        'Move to in progress is not possible yet:',
      );
      expect(blockers).toHaveTextContent(
        'Not ready: Approvals complete, Rollback plan reviewed (see Readiness below).',
      );
      // the window is years ahead: it cannot start before the lead time either
      expect(blockers).toHaveTextContent(
        /It can start from .*2030.*, 60 minutes before its window/,
      );
      expect(server.requests('post', '/releases/r1/transition')).toEqual([]);
    });
  });
});
