import { coreApis } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerCalendar } from '../../__testUtils__/answers';
import { makeFreeze, makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleasesHome } from './ReleasesHome';

const at = (month: number, day: number, hour = 0) =>
  new Date(2030, month - 1, day, hour).toISOString();
const NOW = new Date(2030, 2, 13, 12);

const releases = [
  makeRelease({
    id: 'a',
    title: 'Mine hotfix',
    type: 'hotfix',
    state: 'planned',
    ownerRef: 'group:default/payments',
    createdBy: 'user:default/bob',
    window: { start: at(3, 5, 9), end: at(3, 5, 10) },
  }),
  makeRelease({
    id: 'b',
    title: 'Their normal',
    type: 'normal',
    state: 'approved',
    ownerRef: 'group:default/search',
    createdBy: 'user:default/carol',
    window: { start: at(3, 6, 9), end: at(3, 6, 10) },
  }),
  makeRelease({
    id: 'c',
    title: 'Created by me',
    type: 'normal',
    state: 'draft',
    ownerRef: 'group:default/search',
    createdBy: 'user:default/alice',
    window: { start: at(3, 7, 9), end: at(3, 7, 10) },
  }),
];

const server = setupContractServer();

/** The calendar shows `shown`; the freezes tab lists a year-end freeze. */
function answer(shown = releases) {
  answerCalendar(server, { releases: shown });
  server.respond('get', '/freezes', {
    items: [makeFreeze({ title: 'Year-end freeze' })],
  });
}

function render(url = '/', shown = releases) {
  answer(shown);
  return renderInTestApp(<ReleasesHome now={NOW} />, {
    initialRouteEntries: [url],
    apis: [
      [releaseCoordinationApiRef, server.api],
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'System',
              metadata: { name: 'payments', namespace: 'default' },
            },
          ],
        }),
      ],
      mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: ['user:default/alice', 'group:default/payments'],
      }),
      mockApis.permission(),
    ],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

const search = (apis: { get: Function }) =>
  new URLSearchParams(
    apis.get(coreApis.appHistory).getSnapshot().location.search,
  );

describe('ReleasesHome', () => {
  it('shows the calendar by default and the list on its tab', async () => {
    const { apis } = await render();
    expect(
      await screen.findByRole('link', { name: 'Mine hotfix' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('calendar-month')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Calendar' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'List' }));
    expect(await screen.findByText('Upcoming releases')).toBeInTheDocument();
    expect(search(apis).get('tab')).toBe('list');
  });

  it('shows the freezes on their tab', async () => {
    const { apis } = await render();
    await screen.findByRole('link', { name: 'Mine hotfix' });

    await userEvent.click(screen.getByRole('tab', { name: 'Freezes' }));
    expect(await screen.findByText('Year-end freeze')).toBeInTheDocument();
    expect(search(apis).get('tab')).toBe('freezes');
    expect(
      await screen.findByRole('button', { name: 'New freeze' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Calendar' }));
    expect(await screen.findByTestId('calendar-month')).toBeInTheDocument();
    expect(search(apis).has('tab')).toBe(false);
  });

  it('opens the freezes tab from the query string', async () => {
    await render('/?tab=freezes');
    expect(await screen.findByText('Year-end freeze')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Freezes' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('reads the filters from the query string', async () => {
    await render(
      '/?type=hotfix&state=planned&system=payments&owner=group:default/payments&view=week&date=2030-03-05',
      [releases[0]],
    );
    expect(
      await screen.findByRole('link', { name: 'Mine hotfix' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Their normal')).toBeNull();
    expect(screen.getByTestId('calendar-week')).toBeInTheDocument();
    expect(server.queries('get', '/releases')[0]).toMatchObject({
      type: ['hotfix'],
      state: ['planned'],
      system: 'system:default/payments',
      owner: 'group:default/payments',
      from: at(3, 4),
    });
    expect(server.queries('get', '/freeze-occurrences')[0].entityRef).toEqual([
      'system:default/payments',
      'group:default/payments',
    ]);
    expect(screen.getByRole('textbox', { name: 'System' })).toHaveValue(
      'payments',
    );
  });

  it('narrows by type and state and keeps them in the query string', async () => {
    const { apis } = await render();
    await screen.findByRole('link', { name: 'Their normal' });

    answer([releases[0]]);
    await userEvent.click(screen.getByRole('button', { name: /^Type/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'hotfix',
      }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Their normal' })).toBeNull(),
    );
    expect(
      screen.getByRole('link', { name: 'Mine hotfix' }),
    ).toBeInTheDocument();
    expect(search(apis).getAll('type')).toEqual(['hotfix']);
    expect(server.queries('get', '/releases').at(-1)!.type).toEqual(['hotfix']);

    answer([]);
    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'approved',
      }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Mine hotfix' })).toBeNull(),
    );
    expect(search(apis).getAll('state')).toEqual(['approved']);

    answer();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(
      await screen.findByRole('link', { name: 'Their normal' }),
    ).toBeInTheDocument();
    expect(search(apis).has('type')).toBe(false);
  });

  it('shows only my releases: owned by my groups or created by me', async () => {
    const { apis } = await render();
    await screen.findByRole('link', { name: 'Their normal' });

    await userEvent.click(screen.getByRole('checkbox', { name: 'Only mine' }));
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Their normal' })).toBeNull(),
    );
    expect(
      screen.getByRole('link', { name: 'Mine hotfix' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Created by me' }),
    ).toBeInTheDocument();
    expect(search(apis).get('mine')).toBe('true');
  });

  it('keeps the view and date in the query string', async () => {
    const { apis } = await render();
    await screen.findByRole('link', { name: 'Their normal' });
    await userEvent.click(screen.getByRole('button', { name: 'Week view' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    expect(search(apis).get('view')).toBe('week');
    expect(search(apis).get('date')).toBe('2030-03-20');
  });
});
