import {
  ImpactGraphEdge,
  ImpactGraphNode,
  ImpactReport,
  RiskAssessment,
  UpcomingImpactItem,
} from '@internal/plugin-release-coordination-common';
import { makeRelease } from './builders';

/** A risk assessment with sensible defaults (medium, 3 × 3), for tests. */
export function makeRisk(
  overrides: Partial<RiskAssessment> = {},
): RiskAssessment {
  return {
    level: 'medium',
    computedLevel: 'medium',
    probability: 3,
    impact: 3,
    factors: [
      {
        id: 'breaking',
        dimension: 'probability',
        label: 'Breaking changes',
        points: 2,
        explanation: '1 breaking change',
      },
      {
        id: 'dependents',
        dimension: 'impact',
        label: 'Transitive dependents',
        points: 1,
        explanation: '2 entities depend on the changed ones',
      },
    ],
    rules: [
      {
        id: 'breaking-tier1-api',
        label: 'Breaking change on a tier-1 API',
        minimumLevel: 'high',
        matched: false,
        explanation: 'No tier-1 API changes in a breaking way',
      },
    ],
    ...overrides,
  };
}

/**
 * A small impact report: payments-api changed, checkout depends on it,
 * storefront on checkout; the web app consumes its API.
 */
export function makeImpactReport(
  overrides: Partial<ImpactReport> = {},
): ImpactReport {
  const nodes: ImpactGraphNode[] = [
    node('component:default/payments-api', 0, 'changed', 'payments'),
    node('component:default/checkout', 1, 'dependent', 'shop'),
    node('component:default/storefront', 2, 'dependent', 'shop'),
    node('component:default/web', 1, 'consumer', 'shop'),
    node('api:default/payments', 1, 'context', 'payments'),
  ];
  // by position in nodes
  const edges: ImpactGraphEdge[] = [
    { from: 1, to: 0, relation: 'dependsOn' },
    { from: 2, to: 1, relation: 'dependsOn' },
    { from: 0, to: 4, relation: 'providesApi' },
    { from: 3, to: 4, relation: 'consumesApi' },
  ];
  return {
    changed: [
      {
        entityRef: 'component:default/payments-api',
        kind: 'Component',
        name: 'payments-api',
        owner: 'group:default/payments',
        system: 'system:default/payments',
      },
    ],
    dependents: [
      {
        entityRef: 'component:default/checkout',
        owner: 'group:default/shop',
        system: 'system:default/shop',
        depth: 1,
        path: ['component:default/payments-api', 'component:default/checkout'],
        via: 'dependsOn',
        high: true,
      },
      {
        entityRef: 'component:default/storefront',
        owner: 'group:default/shop',
        system: 'system:default/shop',
        depth: 2,
        path: [
          'component:default/payments-api',
          'component:default/checkout',
          'component:default/storefront',
        ],
        via: 'dependsOn',
        high: false,
      },
    ],
    apiConsumers: [
      {
        apiRef: 'api:default/payments',
        consumerRef: 'component:default/web',
        breaking: true,
      },
    ],
    systems: [{ ref: 'system:default/shop', count: 2 }],
    domains: [{ ref: 'domain:default/commerce', count: 3 }],
    owners: [
      {
        groupRef: 'group:default/shop',
        entityRefs: [
          'component:default/checkout',
          'component:default/storefront',
        ],
      },
    ],
    audiences: [
      { audience: 'customers', entityRefs: ['component:default/storefront'] },
    ],
    missing: ['component:default/ghost'],
    maxDepth: 6,
    truncated: false,
    graph: { nodes, edges },
    risk: makeRisk(),
    ...overrides,
  };
}

function node(
  id: string,
  depth: number,
  role: ImpactGraphNode['role'],
  team: string,
): ImpactGraphNode {
  const [kind, rest] = id.split(':');
  const name = rest.split('/')[1];
  return {
    id,
    kind,
    name,
    owner: `group:default/${team}`,
    system: `system:default/${team}`,
    lifecycle: 'production',
    depth,
    role,
  };
}

/**
 * A generated graph of `count` components over `depths` levels in 20 systems:
 * each component depends on one of the level before, every third also on
 * another; every fifth consumes the API of the first.
 */
export function generateImpactGraph(
  count: number,
  depths = 6,
): ImpactReport['graph'] {
  const nodes: ImpactGraphNode[] = [];
  const edges: ImpactGraphEdge[] = [];
  /** Positions in `nodes` by depth. */
  const byDepth: number[][] = [];
  for (let i = 0; i < count; i++) {
    const depth = i === 0 ? 0 : 1 + (i % (depths - 1));
    const id = `component:default/c${i}`;
    nodes.push({
      id,
      kind: 'component',
      name: `c${i}`,
      owner: `group:default/team-${i % 7}`,
      system: `system:default/s${i % 20}`,
      lifecycle: i % 4 === 0 ? 'experimental' : 'production',
      depth,
      role: i === 0 ? 'changed' : 'dependent',
    });
    (byDepth[depth] ??= []).push(i);
  }
  for (let i = 1; i < count; i++) {
    const n = nodes[i];
    const parents = byDepth[n.depth - 1];
    edges.push({
      from: i,
      to: parents[i % parents.length],
      relation: 'dependsOn',
    });
    if (i % 3 === 0 && parents.length > 1) {
      edges.push({
        from: i,
        to: parents[(i + 1) % parents.length],
        relation: 'dependsOn',
      });
    }
    if (i % 5 === 0) {
      edges.push({ from: i, to: 0, relation: 'consumesApi' });
    }
  }
  return { nodes, edges };
}

/** An upcoming-impact item with sensible defaults, for tests. */
export function makeUpcomingImpact(
  overrides: Partial<UpcomingImpactItem> = {},
): UpcomingImpactItem {
  return {
    release: makeRelease(),
    risk: { level: 'medium', computedLevel: 'medium' },
    touchedVia: 'direct',
    touchedEntities: ['component:default/payments-api'],
    owners: ['group:default/payments'],
    ...overrides,
  };
}
