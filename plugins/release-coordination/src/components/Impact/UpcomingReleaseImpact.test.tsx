import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { makeRelease } from '../../__fixtures__/builders';
import { makeUpcomingImpact } from '../../__fixtures__/impactFixtures';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import {
  EntityReleaseImpactContent,
  UpcomingReleaseImpact,
} from './UpcomingReleaseImpact';

function system(kind = 'System'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'shop', namespace: 'default' },
    spec: {},
  };
}

function items() {
  return [
    makeUpcomingImpact({
      release: makeRelease({
        id: 'late',
        title: 'Search 9',
        window: {
          start: '2030-03-05T12:00:00.000Z',
          end: '2030-03-05T13:00:00.000Z',
        },
        ownerRef: 'group:default/search',
      }),
      risk: { level: 'low', computedLevel: 'low' },
      touchedVia: 'direct',
      touchedEntities: ['component:default/search'],
      owners: ['group:default/search'],
    }),
    makeUpcomingImpact({
      release: makeRelease({
        id: 'early',
        title: 'Payments 3',
        state: 'approved',
        changes: [{ kind: 'breaking', title: 'Drop the v1 payments API' }],
        window: {
          start: '2030-03-01T12:00:00.000Z',
          end: '2030-03-01T13:00:00.000Z',
        },
      }),
      risk: { level: 'critical', computedLevel: 'high' },
      touchedVia: 'dependency',
      touchedEntities: ['component:default/payments-api'],
      owners: ['group:default/payments', 'group:default/shop'],
    }),
    makeUpcomingImpact({
      release: makeRelease({
        id: 'same-day',
        title: 'Checkout 2',
        window: {
          start: '2030-03-01T14:00:00.000Z',
          end: '2030-03-01T15:00:00.000Z',
        },
      }),
      risk: { level: 'medium', computedLevel: 'medium' },
      owners: ['group:default/shop'],
    }),
  ];
}

const server = setupContractServer();

async function render(element: JSX.Element) {
  await renderInTestApp(element, {
    apis: [[releaseCoordinationApiRef, server.api]],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('UpcomingReleaseImpact', () => {
  it("groups a system's upcoming releases by window day with risk, touch and owners", async () => {
    server.respond('get', '/impact/upcoming', { items: items() });
    await render(
      <EntityProvider entity={system()}>
        <EntityReleaseImpactContent now="2030-02-01T00:00:00.000Z" />
      </EntityProvider>,
    );
    const groups = await screen.findAllByTestId('release-impact-group');
    expect(groups).toHaveLength(2);
    expect(
      within(groups[0])
        .getAllByRole('link', { name: /Payments 3|Checkout 2/ })
        .map(a => a.textContent),
    ).toEqual(['Payments 3', 'Checkout 2']);
    expect(
      within(groups[0]).getByRole('link', { name: 'Payments 3' }),
    ).toHaveAttribute('href', '/release-coordination/releases/early');
    expect(
      within(groups[1]).getByRole('link', { name: 'Search 9' }),
    ).toBeInTheDocument();

    const row = within(groups[0])
      .getByRole('link', { name: 'Payments 3' })
      .closest('tr')!;
    expect(within(row).getByTestId('risk-chip')).toHaveTextContent(
      /^critical$/,
    );
    expect(within(row).getByText('through a dependency')).toBeInTheDocument();
    expect(
      within(row).getByText('breaking: Drop the v1 payments API'),
    ).toBeInTheDocument();
    expect(within(row).getByText('approved')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'payments' }),
    ).toBeInTheDocument();
    expect(server.queries('get', '/impact/upcoming')).toEqual([
      { system: 'system:default/shop', from: '2030-02-01T00:00:00.000Z' },
    ]);
  });

  it("names which of the system's components a release reaches and through which dependency", async () => {
    const parts = Array.from(
      { length: 7 },
      (_, i) => `component:default/shop-${i}`,
    );
    server.respond('get', '/impact/upcoming', {
      items: [
        makeUpcomingImpact({
          release: makeRelease({ id: 'early', title: 'Payments 3' }),
          touchedVia: 'dependency',
          touchedEntities: ['component:default/payments-api'],
          affectedHere: parts.map(ref => ({
            entityRef: ref,
            path: [
              'component:default/payments-api',
              'api:default/payments',
              ref,
            ],
          })),
        }),
      ],
    });
    await render(
      <EntityProvider entity={system()}>
        <EntityReleaseImpactContent now="2030-02-01T00:00:00.000Z" />
      </EntityProvider>,
    );
    const row = (
      await screen.findByRole('link', { name: 'Payments 3' })
    ).closest('tr')!;
    // a System's tab offers its release notes as a feed
    expect(
      screen.getByRole('button', { name: 'Release notes feed' }),
    ).toBeInTheDocument();
    // this system's components, each with the path it is reached through,
    // the first five and then all on request
    expect(
      within(row).getByRole('link', { name: 'shop-0' }),
    ).toBeInTheDocument();
    expect(
      within(row).getAllByText('through payments-api → payments'),
    ).toHaveLength(5);
    expect(within(row).queryByRole('link', { name: 'shop-6' })).toBeNull();
    await userEvent.click(
      within(row).getByRole('button', { name: 'Show all 7' }),
    );
    expect(
      within(row).getByRole('link', { name: 'shop-6' }),
    ).toBeInTheDocument();
    // the touched entity of the other team is in the path, not a link of its own
    expect(
      within(row).queryByRole('link', { name: 'payments-api' }),
    ).toBeNull();
  });

  it('asks about a domain on domains', async () => {
    server.respond('get', '/impact/upcoming', { items: [] });
    await render(
      <EntityProvider entity={system('Domain')}>
        <EntityReleaseImpactContent now="2030-02-01T00:00:00.000Z" />
      </EntityProvider>,
    );
    expect(await screen.findByText('No upcoming releases')).toBeInTheDocument();
    expect(server.queries('get', '/impact/upcoming')).toEqual([
      { domain: 'domain:default/shop', from: '2030-02-01T00:00:00.000Z' },
    ]);
    // release notes feeds are of Systems
    expect(
      screen.queryByRole('button', { name: 'Release notes feed' }),
    ).toBeNull();
  });

  it('filters by risk level and owner', async () => {
    server.respond('get', '/impact/upcoming', { items: items() });
    await render(<UpcomingReleaseImpact />);
    expect(
      await screen.findByRole('link', { name: 'Search 9' }),
    ).toBeInTheDocument();
    expect(server.queries('get', '/impact/upcoming')[0]).not.toHaveProperty(
      'system',
    );

    await userEvent.click(screen.getByRole('button', { name: /All levels/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'critical' }),
    );
    expect(
      screen.getByRole('link', { name: 'Payments 3' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Search 9' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Checkout 2' }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /critical/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All levels' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /All owners/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'group:default/shop' }),
    );
    expect(
      screen.getByRole('link', { name: 'Payments 3' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Checkout 2' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Search 9' }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByTestId('release-impact-group')).toHaveLength(1);
  });
});
