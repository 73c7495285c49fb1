import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerCalendar } from '../../__testUtils__/answers';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { EntityReleasesContent } from './EntityReleasesContent';
import { Page, Release } from '@internal/plugin-release-coordination-common';

function entity(kind: string, name = 'payments-api'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

const server = setupContractServer();
beforeEach(() => {
  server.respond('get', '/issues', { items: [] });
  // the create dialog's free default window and live check
  server.respond('get', '/slots', { items: [] });
  server.respond('get', '/freeze-occurrences', { items: [] });
  server.respond('get', '/entity-annotations', request => ({
    entityRef: String(request.query.entityRef),
    problems: [],
  }));
});

async function render(e = entity('Component')) {
  return renderInTestApp(
    <EntityProvider entity={e}>
      <EntityReleasesContent />
    </EntityProvider>,
    {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({ ownershipEntityRefs: ['group:default/payments'] }),
      ],
      mountedRoutes: {
        '/release-coordination': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('EntityReleasesContent', () => {
  it('lists upcoming and recent releases with links to their pages', async () => {
    const now = Date.now();
    // Both lists get the same answer; the recent list shows only ended ones.
    server.respond('get', '/releases', {
      items: [
        makeRelease({
          id: 'up',
          title: 'Next one',
          window: {
            start: new Date(now + 3600_000).toISOString(),
            end: new Date(now + 7200_000).toISOString(),
          },
        }),
      ],
    });
    await render();

    const link = await screen.findByRole('link', { name: 'Next one' });
    expect(link).toHaveAttribute('href', '/release-coordination/releases/up');
    expect(screen.getByText('Upcoming releases')).toBeInTheDocument();
    expect(screen.getByText('Recent releases')).toBeInTheDocument();
    expect(
      screen.getByText('No releases in the last 90 days.'),
    ).toBeInTheDocument();
    expect(screen.getByText('2.1.0')).toBeInTheDocument();
    expect(screen.getByText('draft')).toBeInTheDocument();
    expect(screen.getByText('normal')).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: 'Create release' }),
    ).toHaveLength(1);
  });

  it('queries upcoming ascending from now and recent descending up to now', async () => {
    server.respond('get', '/releases', { items: [] });
    const before = Date.now();
    await render();
    await screen.findByText('No releases yet');

    const calls = server.queries('get', '/releases');
    expect(calls).toHaveLength(2);
    const [upcoming, recent] = calls as Array<Record<string, string>>;
    expect(upcoming).toMatchObject({
      entityRef: ['component:default/payments-api'],
      order: 'asc',
    });
    expect(upcoming.to).toBeUndefined();
    expect(Date.parse(upcoming.from!)).toBeGreaterThanOrEqual(before);
    expect(recent).toMatchObject({
      entityRef: ['component:default/payments-api'],
      order: 'desc',
    });
    expect(Date.parse(recent.to!) - Date.parse(recent.from!)).toBe(
      90 * 24 * 3600_000,
    );
  });

  it.each([
    ['API', { entityRef: ['api:default/payments-api'] }],
    ['Resource', { entityRef: ['resource:default/payments-api'] }],
    ['System', { system: 'system:default/payments-api' }],
    ['Domain', { domain: 'domain:default/payments-api' }],
    ['Group', { owner: 'group:default/payments-api' }],
  ])('queries the releases of a %s', async (kind, expected) => {
    server.respond('get', '/releases', { items: [] });
    await render(entity(kind));
    await screen.findByText('No releases yet');
    for (const call of server.queries('get', '/releases')) {
      const { from, to, order, limit, state, ...filter } = call;
      expect(filter).toEqual(expected);
    }
  });

  it('lists unfinished upcoming releases, live ones first, and the others on request', async () => {
    const now = Date.now();
    const window = (hours: number) => ({
      start: new Date(now + hours * 3600_000).toISOString(),
      end: new Date(now + (hours + 1) * 3600_000).toISOString(),
    });
    server.respond('get', '/releases', {
      items: [
        makeRelease({ id: 'soon', title: 'Soon', window: window(-0.5) }),
        makeRelease({
          id: 'live',
          title: 'Deploying',
          state: 'in_progress',
          window: window(-0.2),
        }),
      ],
    });
    await render();
    const table = (await screen.findByText('Upcoming releases')).closest(
      'table, [class*="MuiPaper"]',
    ) as HTMLElement;
    const titles = within(table)
      .getAllByRole('link')
      .filter(link => link.getAttribute('href')?.includes('/releases/'))
      .map(link => link.textContent);
    expect(titles.slice(0, 2)).toEqual(['Deploying', 'Soon']);
    expect(server.queries('get', '/releases')[0].state).toEqual([
      'draft',
      'planned',
      'approved',
      'in_progress',
      'rolling_back',
    ]);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show finished and cancelled' }),
    );
    await waitFor(() =>
      expect(
        server
          .queries('get', '/releases')
          .some(call => call.order === 'asc' && call.state === undefined),
      ).toBe(true),
    );
  });

  it('shows the releases of the entity on a calendar', async () => {
    answerCalendar(server, {
      releases: [
        makeRelease({
          id: 'cal',
          title: 'Calendar release',
          window: {
            start: new Date(2030, 2, 12, 9).toISOString(),
            end: new Date(2030, 2, 12, 10).toISOString(),
          },
        }),
      ],
    });
    await renderInTestApp(
      <EntityProvider entity={entity('System', 'payments')}>
        <EntityReleasesContent now={new Date(2030, 2, 13, 12)} />
      </EntityProvider>,
      {
        apis: [
          [releaseCoordinationApiRef, server.api],
          mockApis.identity({
            ownershipEntityRefs: ['group:default/payments'],
          }),
        ],
        mountedRoutes: {
          '/release-coordination': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    // The lists first.
    await screen.findByText('Upcoming releases');
    await userEvent.click(screen.getByRole('button', { name: 'Calendar' }));
    expect(
      await screen.findByRole('link', { name: 'Calendar release' }),
    ).toHaveAttribute('href', '/release-coordination/releases/cal');
    expect(screen.getByTestId('calendar-month')).toBeInTheDocument();
    expect(server.queries('get', '/releases').at(-1)).toMatchObject({
      system: 'system:default/payments',
      from: new Date(2030, 1, 25).toISOString(),
    });
    expect(
      server.queries('get', '/freeze-occurrences').at(-1)!.entityRef,
    ).toEqual(['system:default/payments']);
  });

  it('shows an empty state that offers to create a release', async () => {
    server.respond('get', '/releases', { items: [] });
    await render();
    expect(await screen.findByText('No releases yet')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Create release' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('component:payments-api'),
    ).toBeInTheDocument();
  });

  it('shows errors of the backend', async () => {
    server.fail('get', '/releases', 500, 'database on fire');
    await render();
    expect(await screen.findByText(/database on fire/)).toBeInTheDocument();
  });

  it('loads further pages on "Load more"', async () => {
    const future = (h: number) =>
      new Date(Date.now() + h * 3600_000).toISOString();
    const pages: Record<string, Page<Release>> = {
      '': {
        items: [
          makeRelease({
            id: 'a',
            title: 'First',
            window: { start: future(1), end: future(2) },
          }),
        ],
        nextCursor: 'c2',
      },
      c2: {
        items: [
          makeRelease({
            id: 'b',
            title: 'Second',
            window: { start: future(3), end: future(4) },
          }),
        ],
      },
    };
    server.respond(
      'get',
      '/releases',
      ({ query }) => pages[String(query.cursor ?? '')],
    );
    await render();
    expect(await screen.findByText('First')).toBeInTheDocument();
    // Both lists offer more; load more of the upcoming one.
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Load more' })[0],
    );
    expect(await screen.findAllByText('Second')).not.toHaveLength(0);
    expect(
      server.queries('get', '/releases').some(call => call.cursor === 'c2'),
    ).toBe(true);
  });

  it('creates a release and lists it', async () => {
    server.respond('get', '/releases', { items: [] });
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create release' }),
    );
    await userEvent.type(screen.getByLabelText('Title'), 'Checkout 3');
    await userEvent.type(screen.getByLabelText('Version'), '3.0.0');
    const created = makeRelease({
      id: 'r1',
      title: 'Checkout 3',
      version: '3.0.0',
      window: {
        start: new Date(Date.now() + 3600_000).toISOString(),
        end: new Date(Date.now() + 7200_000).toISOString(),
      },
    });
    server.respond('post', '/releases', created, { status: 201 });
    server.respond('get', '/releases', { items: [created] });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      await screen.findByRole('link', { name: 'Checkout 3' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r1');
    expect(screen.getByText('Release created.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View release' })).toHaveAttribute(
      'href',
      '/release-coordination/releases/r1',
    );
  });
});
