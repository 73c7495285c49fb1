import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { generateImpactGraph } from '../../__fixtures__/impactFixtures';
import { ImpactGraph } from './ImpactGraph';

const graph = generateImpactGraph(600);

async function render() {
  await renderInTestApp(
    <Routes>
      <Route path="/" element={<ImpactGraph graph={graph} />} />
      <Route
        path="/catalog/:namespace/:kind/:name"
        element={<div>entity page</div>}
      />
    </Routes>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return screen.getByTestId('impact-graph');
}

const nodes = (svg: Element) => svg.querySelectorAll('[data-node]');
const edges = (svg: Element, relation?: string) =>
  svg.querySelectorAll(
    relation ? `[data-edge][data-relation="${relation}"]` : '[data-edge]',
  );

describe('ImpactGraph', () => {
  it('renders 600 nodes in one SVG and collapses them by system', async () => {
    const svg = await render();
    expect(nodes(svg)).toHaveLength(600);
    expect(edges(svg)).toHaveLength(graph.edges.length);
    expect(
      screen.getByText(`600 nodes, ${graph.edges.length} edges`),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Collapse by system'));
    expect(nodes(svg)).toHaveLength(21);
    expect(
      within(svg).getByRole('link', { name: /^s3 \(30\), system/ }),
    ).toBeInTheDocument();
  });

  it('hides the edges of an unchecked relation', async () => {
    const svg = await render();
    const dependsOn = edges(svg, 'dependsOn').length;
    expect(dependsOn).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('checkbox', { name: 'depends on' }));
    expect(edges(svg, 'dependsOn')).toHaveLength(0);
    expect(edges(svg)).toHaveLength(graph.edges.length - dependsOn);
    expect(edges(svg, 'consumesApi').length).toBeGreaterThan(0);
  });

  it('filters by depth and owner', async () => {
    const svg = await render();
    const slider = screen.getByRole('slider');
    slider.focus();
    fireEvent.keyDown(slider, { key: 'Home' });
    expect(screen.getByText('Max depth: 0')).toBeInTheDocument();
    expect(nodes(svg)).toHaveLength(1);
    fireEvent.keyDown(slider, { key: 'End' });
    expect(nodes(svg)).toHaveLength(600);

    await userEvent.click(screen.getByRole('button', { name: /All owners/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'group:default/team-1' }),
    );
    const owned = graph.nodes.filter(
      n => n.owner === 'group:default/team-1' || n.role === 'changed',
    );
    expect(nodes(svg)).toHaveLength(owned.length);
  });

  it('highlights the path of the hovered node to a changed entity', async () => {
    const svg = await render();
    expect(
      screen.queryByTestId('impact-graph-highlight'),
    ).not.toBeInTheDocument();
    const node = svg.querySelector(
      '[data-node="component:default/c7"] circle',
    )!;
    fireEvent.mouseOver(node);
    const highlight = screen.getByTestId('impact-graph-highlight');
    expect(highlight.querySelectorAll('g').length).toBeGreaterThan(1);
    expect(screen.getByText(/^Path: c0 → .+ → c7$/)).toBeInTheDocument();
    fireEvent.mouseLeave(svg);
    expect(
      screen.queryByTestId('impact-graph-highlight'),
    ).not.toBeInTheDocument();
  });

  it('opens the entity page of a clicked node', async () => {
    const svg = await render();
    await userEvent.click(
      within(svg).getByRole('link', { name: /^c7, component, dependent/ }),
    );
    expect(await screen.findByText('entity page')).toBeInTheDocument();
  });
});
