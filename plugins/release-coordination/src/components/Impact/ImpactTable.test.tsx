import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { makeImpactReport } from '../../__fixtures__/impactFixtures';
import { ImpactTable } from './ImpactTable';

async function render(report = makeImpactReport()) {
  await renderInTestApp(<ImpactTable report={report} />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('ImpactTable', () => {
  it('lists dependents with depth, path, relation, owner, system and flag', async () => {
    await render();
    expect(screen.getByText('Dependents (2)')).toBeInTheDocument();
    const row = screen
      .getByText('payments-api → checkout → storefront')
      .closest('tr')!;
    expect(within(row).getByText('2')).toBeInTheDocument();
    expect(within(row).getByText('depends on')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'storefront' }),
    ).toHaveAttribute('href', '/catalog/default/component/storefront');
    expect(
      within(row)
        .getAllByRole('link', { name: 'shop' })
        .map(link => link.getAttribute('href')),
    ).toEqual(['/catalog/default/group/shop', '/catalog/default/system/shop']);
    expect(within(row).queryByText('high impact')).not.toBeInTheDocument();
    const checkout = screen.getByText('payments-api → checkout').closest('tr')!;
    expect(within(checkout).getByText('high impact')).toBeInTheDocument();
  });

  it('lists owners to inform, systems, domains, audiences and missing targets', async () => {
    await render();
    const owners = screen.getByRole('list', { name: 'Owners to inform' });
    expect(
      within(owners).getByRole('link', { name: 'shop' }),
    ).toBeInTheDocument();
    expect(
      within(owners).getByRole('link', { name: 'checkout' }),
    ).toBeInTheDocument();
    const systems = screen.getByRole('list', { name: 'Systems and domains' });
    expect(systems).toHaveTextContent('shop (2 entities)');
    expect(systems).toHaveTextContent('commerce (3 entities)');
    expect(screen.getByRole('list', { name: 'Audiences' })).toHaveTextContent(
      'customers',
    );
    expect(
      screen.getByRole('list', { name: 'Missing targets' }),
    ).toHaveTextContent('component:default/ghost');
    expect(
      screen.getByRole('list', { name: 'API consumers' }),
    ).toHaveTextContent('(breaking change)');
    expect(screen.queryByText(/Truncated at depth/)).not.toBeInTheDocument();
  });

  it('says where the traversal was cut', async () => {
    await render(makeImpactReport({ truncated: true, maxDepth: 3 }));
    expect(screen.getByText(/Truncated at depth 3/)).toBeInTheDocument();
  });
});
