import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { makeImpactReport, makeRisk } from '../../__fixtures__/impactFixtures';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { EntityImpactContent } from './EntityImpactContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {},
};

const server = setupContractServer();

async function render() {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityImpactContent now="2030-01-01T00:00:00.000Z" />
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

describe('EntityImpactContent', () => {
  it("shows the impact of the entity's next release", async () => {
    server.respond('get', '/releases', {
      items: [makeRelease({ id: 'next', title: 'Payments 3' })],
    });
    server.respond(
      'get',
      '/releases/next/impact',
      makeImpactReport({
        risk: makeRisk({ level: 'high', computedLevel: 'high' }),
      }),
    );
    await render();

    expect(await screen.findByTestId('impact-source')).toHaveTextContent(
      'Impact of the next release, Payments 3',
    );
    expect(screen.getByRole('link', { name: 'Payments 3' })).toHaveAttribute(
      'href',
      '/release-coordination/releases/next',
    );
    expect(server.queries('get', '/releases')).toEqual([
      {
        entityRef: ['component:default/payments-api'],
        from: '2030-01-01T00:00:00.000Z',
        order: 'asc',
        limit: 1,
      },
    ]);
    expect(server.requests('get', '/releases/{id}/impact')).toEqual([
      expect.objectContaining({ params: { id: 'next' } }),
    ]);
    expect(server.requests('post', '/impact')).toEqual([]);
    expect(screen.getByTestId('risk-chip')).toHaveTextContent('high');
    expect(screen.getByText('Dependents (2)')).toBeInTheDocument();
    expect(screen.getByTestId('impact-graph')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Override risk' }),
    ).toBeInTheDocument();
  });

  it('shows the impact of a hypothetical change when no release is coming', async () => {
    server.respond('get', '/releases', { items: [] });
    server.respond('post', '/impact', makeImpactReport());
    await render();

    expect(await screen.findByTestId('impact-source')).toHaveTextContent(
      'hypothetical change',
    );
    expect(server.bodies('post', '/impact')).toEqual([
      { entityRefs: ['component:default/payments-api'] },
    ]);
    expect(server.requests('get', '/releases/{id}/impact')).toEqual([]);
    expect(screen.getByTestId('impact-graph')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Override risk' }),
    ).not.toBeInTheDocument();
  });

  it('shows a failure', async () => {
    server.fail('get', '/releases', 503, 'backend down');
    await render();
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
