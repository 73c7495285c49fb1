import { identityApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  Release,
  ReleaseReview,
} from '@internal/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { ReleaseReviewSection } from './ReleaseReviewSection';

const server = setupContractServer();

const release: Release = makeRelease({
  id: 'r1',
  title: 'Ledger',
  version: '4.2.0',
  state: 'rolled_back',
});

const REVIEW: ReleaseReview = {
  releaseId: 'r1',
  releaseTitle: 'Ledger',
  releaseVersion: '4.2.0',
  releaseState: 'rolled_back',
  ownerRef: 'group:default/team-pay',
  entityRefs: ['component:default/ledger'],
  required: true,
  requiredBecause: ['rolled-back'],
  status: 'open',
  finishedAt: '2026-11-20T10:00:00.000Z',
  dueAt: '2026-11-25T10:00:00.000Z',
  overdue: true,
  openActionItems: 1,
  wentWell: '',
  wentWrong: '',
  lessons: '',
  actionItems: [
    {
      id: 'a1',
      title: 'Replay a month-end batch',
      ownerRef: 'user:default/sam',
      dueDate: '2026-12-01',
      status: 'open',
      createdBy: 'user:default/olga',
      createdAt: '2026-11-21T10:00:00.000Z',
    },
  ],
  revision: 3,
  canEdit: true,
  facts: {
    timeline: {
      window: {
        start: '2026-11-20T08:00:00.000Z',
        end: '2026-11-20T10:00:00.000Z',
      },
      states: [
        {
          state: 'released',
          at: '2026-11-20T09:00:00.000Z',
          by: 'user:default/olga',
        },
      ],
      startedAt: '2026-11-20T08:20:00.000Z',
      startSlipMinutes: 20,
      releasedAt: '2026-11-20T09:00:00.000Z',
      endSlipMinutes: -60,
      windowMoves: [],
    },
    approvals: { leadTimeMinutes: 1530, decisions: [] },
    issues: [
      {
        id: 'i1',
        title: 'Double postings',
        severity: 'sev1',
        status: 'resolved',
        openedAt: '2026-11-20T09:30:00.000Z',
        resolvedAt: '2026-11-20T12:00:00.000Z',
        openMinutes: 150,
      },
    ],
    rollback: {
      reason: 'Double postings',
      emergency: false,
      decidedBy: 'user:default/olga',
      decidedAt: '2026-11-20T10:00:00.000Z',
      steps: [
        {
          title: 'Flag off',
          ownerRef: 'group:default/team-pay',
          status: 'done',
        },
      ],
    },
    criteria: [
      {
        text: 'Errors below 1 %',
        ownerRef: 'group:default/team-pay',
        result: 'not_met',
        observedValue: '1.4',
      },
    ],
  },
};

const identity = {
  getBackstageIdentity: async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/bob',
    ownershipEntityRefs: ['user:default/bob', 'group:default/team-web'],
  }),
} as any;

async function render(r: Release = release) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseCoordinationApiRef, server.api],
        [identityApiRef, identity],
      ]}
    >
      <ReleaseReviewSection release={r} />
    </TestApiProvider>,
  );
}

describe('ReleaseReviewSection', () => {
  it('shows why the review is required, that it is overdue, and the prefilled facts', async () => {
    server.respond('get', '/releases/r1/review', REVIEW);
    await render();
    expect(
      await screen.findByText('Required because it was rolled back'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('review-status')).toHaveTextContent(
      /^Overdue since/,
    );
    expect(
      screen.getByText(/This required review is overdue/),
    ).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(
      within(timeline).getByText('Started 20 min late'),
    ).toBeInTheDocument();
    expect(
      within(timeline).getByText('Went live 1 h early'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Lead time from planned to approved: 1 d 1 h'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('sev1 Double postings (resolved), open 2 h 30 min'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1. Flag off: done (team-pay)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Errors below 1 %: not met (1.4)'),
    ).toBeInTheDocument();
  });

  it('saves the findings and completes the review with the keyboard, adds and ticks off action items', async () => {
    server.respond('get', '/releases/r1/review', REVIEW);
    server.respond('patch', '/releases/r1/review', ({ body }) => ({
      ...REVIEW,
      ...body,
      revision: body.revision + 1,
      ...(body.status === 'completed' && {
        completedBy: 'user:default/olga',
        completedAt: '2026-11-26T12:00:00.000Z',
        overdue: false,
      }),
    }));
    await render();
    const lessons = await screen.findByLabelText('Lessons');
    await userEvent.type(lessons, 'Canary first');
    await userEvent.tab();
    await userEvent.keyboard('{Enter}'); // "Save review", the next control
    await waitFor(() =>
      expect(server.bodies('patch', '/releases/r1/review')).toEqual([
        { revision: 3, wentWell: '', wentWrong: '', lessons: 'Canary first' },
      ]),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Complete review' }),
    );
    expect(await screen.findByTestId('review-status')).toHaveTextContent(
      /^Completed by olga/,
    );
    expect(server.bodies('patch', '/releases/r1/review')[1]).toEqual({
      revision: 4,
      status: 'completed',
    });
    expect(screen.getByRole('button', { name: 'Reopen review' })).toBeEnabled();

    server.respond('post', '/releases/r1/review/action-items', REVIEW);
    await userEvent.type(
      screen.getByLabelText('Action item'),
      'Alert on duplicates',
    );
    await userEvent.type(
      screen.getByLabelText('Action item owner'),
      'group:default/team-pay',
    );
    await userEvent.type(screen.getByLabelText('Due date'), '2026-12-15');
    await userEvent.click(
      screen.getByRole('button', { name: 'Add action item' }),
    );
    await waitFor(() =>
      expect(server.bodies('post', '/releases/r1/review/action-items')).toEqual(
        [
          {
            revision: 5,
            title: 'Alert on duplicates',
            ownerRef: 'group:default/team-pay',
            dueDate: '2026-12-15',
          },
        ],
      ),
    );
  });

  it('ticks off an action item, and shows the backend refusing an added one', async () => {
    server.respond('get', '/releases/r1/review', REVIEW);
    server.respond('patch', '/releases/r1/review/action-items/a1', {
      ...REVIEW,
      revision: 4,
      openActionItems: 0,
      actionItems: [
        {
          ...REVIEW.actionItems[0],
          status: 'done',
          doneBy: 'user:default/olga',
        },
      ],
    });
    await render();
    const done = await screen.findByRole('checkbox', {
      name: 'Done: Replay a month-end batch',
    });
    await userEvent.click(done);
    await waitFor(() => expect(done).toBeChecked());
    expect(
      server.bodies('patch', '/releases/r1/review/action-items/a1'),
    ).toEqual([{ revision: 3, status: 'done' }]);
    expect(screen.getByText(/done by olga/)).toBeInTheDocument();

    server.fail(
      'post',
      '/releases/r1/review/action-items',
      409,
      'The review of release r1 changed meanwhile; reload it and try again',
    );
    await userEvent.type(screen.getByLabelText('Action item'), 'Alert');
    await userEvent.type(
      screen.getByLabelText('Action item owner'),
      'user:default/sam',
    );
    await userEvent.type(screen.getByLabelText('Due date'), '2026-12-15');
    await userEvent.click(
      screen.getByRole('button', { name: 'Add action item' }),
    );
    expect(
      await screen.findByText(
        'The review of release r1 changed meanwhile; reload it and try again',
      ),
    ).toBeInTheDocument();
  });

  it('reads a review without editing for those who may not write it, and downloads it as Markdown', async () => {
    server.respond('get', '/releases/r1/review', {
      ...REVIEW,
      canEdit: false,
      lessons: 'Replay **month-end** batches',
    });
    server.respond(
      'get',
      '/releases/r1/review/markdown',
      '# Post-release review: Ledger 4.2.0\n',
    );
    const createObjectURL = jest.fn(() => 'blob:review');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await render();
    expect(
      await screen.findByText('month-end', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Lessons')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add action item' }),
    ).not.toBeInTheDocument();
    // the item is sam's, not bob's: he cannot tick it off
    expect(
      screen.getByRole('checkbox', { name: 'Done: Replay a month-end batch' }),
    ).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Download Markdown' }),
    );
    await waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1));
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(blob.type).toBe('text/markdown');
    expect(await blob.text()).toBe('# Post-release review: Ledger 4.2.0\n');
  });

  it('shows nothing for a release that did not go live, and the error when the review cannot be read', async () => {
    await render(makeRelease({ id: 'r2', state: 'approved' }));
    expect(screen.queryByText('Post-release review')).not.toBeInTheDocument();
    expect(server.requests('get', '/releases/{id}/review')).toEqual([]);

    server.fail('get', '/releases/r1/review', 503, 'Database unavailable');
    await render();
    expect(
      (await screen.findAllByText(/Database unavailable/))[0],
    ).toBeInTheDocument();
  });
});
