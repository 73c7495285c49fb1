import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  FakeReleaseCoordinationApi,
  makeRelease,
} from '../../__fixtures__/FakeReleaseCoordinationApi';
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

async function render(api: FakeReleaseCoordinationApi) {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityImpactContent now="2030-01-01T00:00:00.000Z" />
    </EntityProvider>,
    {
      apis: [
        [releaseCoordinationApiRef, api],
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
    const api = new FakeReleaseCoordinationApi([
      makeRelease({ id: 'next', title: 'Payments 3' }),
    ]);
    api.releaseImpact.next = makeImpactReport({
      risk: makeRisk({ level: 'high', computedLevel: 'high' }),
    });
    await render(api);

    expect(await screen.findByTestId('impact-source')).toHaveTextContent(
      'Impact of the next release, Payments 3',
    );
    expect(screen.getByRole('link', { name: 'Payments 3' })).toHaveAttribute(
      'href',
      '/release-coordination/releases/next',
    );
    expect(api.listCalls).toEqual([
      {
        entityRef: ['component:default/payments-api'],
        from: '2030-01-01T00:00:00.000Z',
        order: 'asc',
        limit: 1,
      },
    ]);
    expect(api.releaseImpactCalls).toEqual([{ id: 'next' }]);
    expect(api.impactCalls).toEqual([]);
    expect(screen.getByTestId('risk-chip')).toHaveTextContent('high');
    expect(screen.getByText('Dependents (2)')).toBeInTheDocument();
    expect(screen.getByTestId('impact-graph')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Override risk' }),
    ).toBeInTheDocument();
  });

  it('shows the impact of a hypothetical change when no release is coming', async () => {
    const api = new FakeReleaseCoordinationApi();
    api.hypotheticalImpact = makeImpactReport();
    await render(api);

    expect(await screen.findByTestId('impact-source')).toHaveTextContent(
      'hypothetical change',
    );
    expect(api.impactCalls).toEqual([
      { entityRefs: ['component:default/payments-api'] },
    ]);
    expect(api.releaseImpactCalls).toEqual([]);
    expect(screen.getByTestId('impact-graph')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Override risk' }),
    ).not.toBeInTheDocument();
  });

  it('shows a failure', async () => {
    const api = new FakeReleaseCoordinationApi();
    api.failures.listReleases = new Error('backend down');
    await render(api);
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
