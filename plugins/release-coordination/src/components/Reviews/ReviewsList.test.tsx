import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReleaseReviewSummary } from '@internal/plugin-release-coordination-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { rootRouteRef } from '../../routes';
import { ReviewsList, reviewScope } from './ReviewsList';

const server = setupContractServer();

const summary = (n: number, parts: Partial<ReleaseReviewSummary> = {}) => ({
  releaseId: `r${n}`,
  releaseTitle: `Release ${n}`,
  releaseVersion: '1.0.0',
  releaseState: 'released' as const,
  ownerRef: 'group:default/team-pay',
  entityRefs: ['component:default/ledger'],
  required: false,
  requiredBecause: [],
  status: 'open' as const,
  finishedAt: '2026-11-20T10:00:00.000Z',
  overdue: false,
  openActionItems: 0,
  ...parts,
});

async function render(scope?: Parameters<typeof ReviewsList>[0]['scope']) {
  await renderInTestApp(
    <TestApiProvider apis={[[releaseCoordinationApiRef, server.api]]}>
      <ReviewsList scope={scope} />
    </TestApiProvider>,
    { mountedRoutes: { '/release-coordination': rootRouteRef } },
  );
}

describe('ReviewsList', () => {
  it('searches reviews by words and by an entity, System, Domain or Group ref, and filters them', async () => {
    server.respond('get', '/reviews', ({ query }) => ({
      items: query.q
        ? [
            summary(2, {
              required: true,
              requiredBecause: ['severe-issue'],
              status: 'completed',
              completedBy: 'user:default/olga',
            }),
          ]
        : [
            summary(1, {
              required: true,
              requiredBecause: ['rolled-back'],
              overdue: true,
              dueAt: '2026-11-25T10:00:00.000Z',
              openActionItems: 2,
            }),
          ],
    }));
    await render();
    expect(
      await screen.findByRole('link', { name: 'Release 1 1.0.0' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Required because it was rolled back · Overdue since/),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 open action item\(s\)/)).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Search reviews'), ' canary  ');
    await userEvent.type(
      screen.getByLabelText('Entity, System, Domain or Group'),
      'system:default/payments{Enter}',
    );
    expect(
      await screen.findByRole('link', { name: 'Release 2 1.0.0' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Completed by olga/)).toBeInTheDocument();
    expect(server.queries('get', '/reviews').slice(-1)).toEqual([
      { q: 'canary', system: 'system:default/payments', limit: 20 },
    ]);

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'completed' }),
    );
    await waitFor(() =>
      expect(server.queries('get', '/reviews').slice(-1)[0]).toMatchObject({
        status: 'completed',
        q: 'canary',
      }),
    );
  });

  it('keeps to a fixed scope, pages with the cursor and says when nothing matches or the listing fails', async () => {
    server.respond('get', '/reviews', ({ query }) =>
      query.cursor
        ? { items: [summary(3)] }
        : { items: [summary(1), summary(2)], nextCursor: 'c2' },
    );
    await render({ group: 'group:default/team-pay' });
    expect(
      screen.queryByLabelText('Entity, System, Domain or Group'),
    ).not.toBeInTheDocument();
    await screen.findByRole('link', { name: 'Release 2 1.0.0' });
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('link', { name: 'Release 3 1.0.0' }),
    ).toBeInTheDocument();
    expect(server.queries('get', '/reviews')).toEqual([
      { group: 'group:default/team-pay', limit: 20 },
      { group: 'group:default/team-pay', limit: 20, cursor: 'c2' },
    ]);

    server.respond('get', '/reviews', { items: [] });
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(await screen.findByText('No reviews match')).toBeInTheDocument();
    server.fail('get', '/reviews', 400, 'q: must not be empty');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/q: must not be empty/)).toBeInTheDocument();
  });

  it('asks for the reviews of a ref by its kind', () => {
    expect(reviewScope('system:default/payments')).toEqual({
      system: 'system:default/payments',
    });
    expect(reviewScope(' domain:default/money ')).toEqual({
      domain: 'domain:default/money',
    });
    expect(reviewScope('Group:default/team')).toEqual({
      group: 'Group:default/team',
    });
    expect(reviewScope('component:default/ledger')).toEqual({
      entityRef: 'component:default/ledger',
    });
    expect(reviewScope('  ')).toEqual({});
  });
});
