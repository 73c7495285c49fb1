import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { ImpactReport } from '@internal/plugin-release-coordination-common';
import { generateImpactGraph } from '../../__fixtures__/impactFixtures';
import { ImpactGraph } from './ImpactGraph';

/** The content width the stubbed ResizeObserver reports; 0 as unmeasured. */
let mockContainerWidth = 0;

// react-use's useMeasure looks for ResizeObserver (which jsdom lacks) when
// its module loads.
jest.mock('react-use/esm/useMeasure', () => {
  window.ResizeObserver = class {
    constructor(private readonly report: ResizeObserverCallback) {}
    observe(target: Element) {
      const contentRect = { width: mockContainerWidth } as DOMRectReadOnly;
      this.report([{ target, contentRect } as ResizeObserverEntry], this);
    }
    unobserve() {}
    disconnect() {}
  };
  return jest.requireActual('react-use/esm/useMeasure');
});

const graph = generateImpactGraph(600);

/** One node per depth, their names of growing length. */
const NAMES = [
  'checkout',
  'notification-dispatcher',
  'storefront-backend-for-frontend-gateway',
  'a-name-far-too-long-for-any-column-of-the-graph-to-hold-it-whole',
];
const named: ImpactReport['graph'] = {
  nodes: NAMES.map((name, depth) => ({
    id: `component:default/${name}`,
    kind: 'component',
    name,
    depth,
    role: depth === 0 ? 'changed' : 'dependent',
  })),
  edges: [1, 2, 3].map(i => ({ from: i, to: i - 1, relation: 'dependsOn' })),
};

async function render(impact = graph) {
  await renderInTestApp(
    <Routes>
      <Route path="/" element={<ImpactGraph graph={impact} />} />
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

describe('ImpactGraph in its card', () => {
  afterEach(() => {
    mockContainerWidth = 0;
  });

  const nodeOf = (svg: Element, name: string) =>
    svg.querySelector(`[data-node="component:default/${name}"]`)!;
  const labelOf = (svg: Element, name: string) =>
    nodeOf(svg, name).querySelector('text')!.textContent!;

  it('spreads its columns over the width of a wide card', async () => {
    mockContainerWidth = 1200;
    const svg = await render(named);
    expect(Number(svg.getAttribute('width'))).toBe(1200);
    const [first, second, , last] = ['Changed', 'Depth 1', 'Depth 2', 'Depth 3']
      .map(heading => within(svg).getByText(heading).getAttribute('x'))
      .map(Number);
    const column = second - first;
    expect(last + column).toBeGreaterThan(1200 * 0.95);
    expect(last + column).toBeLessThanOrEqual(1200);
  });

  it('scrolls in a narrow card rather than squeezing the columns', async () => {
    mockContainerWidth = 400;
    const svg = await render(named);
    expect(Number(svg.getAttribute('width'))).toBeGreaterThan(400);
    expect(svg.parentElement).toHaveStyle({ overflow: 'auto' });
    expect(labelOf(svg, NAMES[1])).toBe(NAMES[1]);
  });

  it('draws labels at 12 px, cut only when they would reach the next column', async () => {
    mockContainerWidth = 1200;
    const svg = await render(named);
    expect(Number(svg.getAttribute('font-size'))).toBeGreaterThanOrEqual(12);
    expect(svg.querySelectorAll('[font-size]')).toHaveLength(0);
    expect(labelOf(svg, NAMES[2])).toBe(NAMES[2]);

    const cut = labelOf(svg, NAMES[3]);
    expect(cut).toMatch(/^a-name-far-too-long-for-any-.+…$/);
    expect(NAMES[3].startsWith(cut.slice(0, -1))).toBe(true);
    expect(nodeOf(svg, NAMES[3]).querySelector('title')).toHaveTextContent(
      NAMES[3],
    );
  });
});
