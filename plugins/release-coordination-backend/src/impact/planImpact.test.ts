import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  ImpactReport,
  impactGraphEdges,
  ReleaseChange,
} from '@internal/plugin-release-coordination-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { permissionedCatalog, testEntity } from '../catalogGraph/testCatalog';
import { RiskOverrideStore } from '../database/DatabaseRiskOverrideStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseService } from '../releases/ReleaseService';
import { ImpactService } from './ImpactService';
import { catalogReadPermissions } from './__testUtils__/catalogReadPermissions';

const c = (name: string, ns = 'default') => `component:${ns}/${name}`;
const dependsOn = (...names: string[]): [string, string][] =>
  names.map(name => ['dependsOn', c(name)]);

/** The service over a catalog hiding `hidden` from users; the read decision is conditional unless said otherwise. */
function service(
  entities: Entity[],
  hidden: string[] = [],
  decision: AuthorizeResult = AuthorizeResult.CONDITIONAL,
) {
  return new ImpactService({
    catalog: new CatalogModel({
      catalog: permissionedCatalog(entities, hidden),
      auth: mockServices.auth(),
      permissions: catalogReadPermissions(decision),
    }),
    releases: {} as ReleaseService,
    store: {} as ReleaseStore,
    overrides: {} as RiskOverrideStore,
  });
}

async function impact(
  entities: Entity[],
  entityRefs: string[],
  options: {
    changes?: ReleaseChange[];
    maxDepth?: number;
    hidden?: string[];
  } = {},
): Promise<ImpactReport> {
  return service(entities, options.hidden).planImpact(
    { entityRefs, changes: options.changes ?? [], maxDepth: options.maxDepth },
    mockCredentials.user(),
  );
}

const depths = (report: ImpactReport) =>
  Object.fromEntries(report.dependents.map(d => [d.entityRef, d.depth]));

// d → c → b → a (each depends on the next)
const chain = [
  testEntity(c('a')),
  testEntity(c('b'), { relations: dependsOn('a') }),
  testEntity(c('c'), { relations: dependsOn('b') }),
  // declared from the other side only: a dependencyOf relation on c
  testEntity(c('d')),
];
chain[2].relations!.push({ type: 'dependencyOf', targetRef: c('d') });

describe('ImpactService.planImpact', () => {
  it('follows a chain with depth and one path each', async () => {
    const report = await impact(chain, [c('a')]);
    expect(report.changed.map(e => e.entityRef)).toEqual([c('a')]);
    expect(depths(report)).toEqual({ [c('b')]: 1, [c('c')]: 2, [c('d')]: 3 });
    expect(report.dependents.find(d => d.entityRef === c('d'))).toMatchObject({
      path: [c('a'), c('b'), c('c'), c('d')],
      via: 'dependsOn',
      high: false,
    });
    expect(report.truncated).toBe(false);
    expect(report.maxDepth).toBe(6);
  });

  it('cuts at maxDepth and says so', async () => {
    const report = await impact(chain, [c('a')], { maxDepth: 2 });
    expect(depths(report)).toEqual({ [c('b')]: 1, [c('c')]: 2 });
    expect(report.truncated).toBe(true);
  });

  it('takes the shortest path through a diamond', async () => {
    const report = await impact(
      [
        testEntity(c('top')),
        testEntity(c('left'), { relations: dependsOn('top') }),
        testEntity(c('long'), { relations: dependsOn('left') }),
        testEntity(c('bottom'), { relations: dependsOn('long', 'right') }),
        testEntity(c('right'), { relations: dependsOn('top') }),
      ],
      [c('top')],
    );
    expect(depths(report)[c('bottom')]).toBe(2);
    expect(
      report.dependents.find(d => d.entityRef === c('bottom'))!.path,
    ).toEqual([c('top'), c('right'), c('bottom')]);
  });

  it('ends at cycles', async () => {
    const report = await impact(
      [
        testEntity(c('p'), { relations: dependsOn('q') }),
        testEntity(c('q'), { relations: dependsOn('r') }),
        testEntity(c('r'), { relations: dependsOn('p') }),
      ],
      [c('p')],
    );
    expect(depths(report)).toEqual({ [c('r')]: 1, [c('q')]: 2 });
    expect(report.truncated).toBe(false);
  });

  const apiCatalog = [
    testEntity(c('ledger'), {
      relations: [['providesApi', 'api:default/ledger-api']],
    }),
    testEntity('api:default/ledger-api', {
      annotations: { 'release-coordination/tier': 'tier-1' },
    }),
    testEntity(c('shop'), {
      relations: [['consumesApi', 'api:default/ledger-api']],
    }),
    testEntity(c('web'), { relations: dependsOn('shop') }),
  ];

  it('lists API consumers; a breaking change makes them high impact', async () => {
    const calm = await impact(apiCatalog, [c('ledger')]);
    expect(calm.apiConsumers).toEqual([
      {
        apiRef: 'api:default/ledger-api',
        consumerRef: c('shop'),
        breaking: false,
      },
    ]);
    expect(calm.dependents.find(d => d.entityRef === c('shop'))).toMatchObject({
      depth: 1,
      via: 'consumesApi',
      high: false,
      path: [c('ledger'), 'api:default/ledger-api', c('shop')],
    });

    const breaking = await impact(apiCatalog, [c('ledger')], {
      changes: [{ kind: 'breaking', title: 'Drop v1' }],
    });
    expect(breaking.apiConsumers[0].breaking).toBe(true);
    expect(breaking.dependents.find(d => d.entityRef === c('shop'))!.high).toBe(
      true,
    );
    expect(breaking.dependents.find(d => d.entityRef === c('web'))!.high).toBe(
      false,
    );
    expect(
      breaking.risk.rules.find(r => r.id === 'breaking-tier-1-api'),
    ).toMatchObject({ matched: true, minimumLevel: 'high' });
    expect(breaking.risk.computedLevel).toBe('high');
    const roles = Object.fromEntries(
      breaking.graph.nodes.map(n => [n.id, n.role]),
    );
    expect(roles).toMatchObject({
      [c('ledger')]: 'changed',
      'api:default/ledger-api': 'context',
      [c('shop')]: 'consumer',
      [c('web')]: 'dependent',
    });
    expect(impactGraphEdges(breaking.graph)).toEqual(
      expect.arrayContaining([
        {
          from: c('ledger'),
          to: 'api:default/ledger-api',
          relation: 'providesApi',
        },
        {
          from: c('shop'),
          to: 'api:default/ledger-api',
          relation: 'consumesApi',
        },
        { from: c('web'), to: c('shop'), relation: 'dependsOn' },
      ]),
    );
    // listed edges give their ends by position in the nodes
    const at = (ref: string) =>
      breaking.graph.nodes.findIndex(n => n.id === ref);
    expect(breaking.graph.edges).toContainEqual({
      from: at(c('web')),
      to: at(c('shop')),
      relation: 'dependsOn',
    });
  });

  it('follows refs across namespaces and reports missing targets without crashing', async () => {
    const report = await impact(
      [
        testEntity(c('a'), {
          relations: [
            ['dependsOn', 'component:default/ghost'],
            ['dependsOn', 'template:default/unknown-kind'],
            ['partOf', 'system:default/nowhere'],
          ],
        }),
        testEntity(c('x', 'other'), { relations: dependsOn('a') }),
      ],
      [c('a')],
    );
    expect(report.dependents).toMatchObject([
      { entityRef: c('x', 'other'), depth: 1 },
    ]);
    expect(
      report.graph.nodes.find(n => n.id === c('x', 'other')),
    ).toMatchObject({ kind: 'Component', name: 'x' });
    expect(report.missing).toEqual([
      'component:default/ghost',
      'system:default/nowhere',
    ]);
  });

  const org = [
    testEntity('domain:default/commerce', {
      annotations: { 'release-coordination/tier': 'tier-2' },
    }),
    testEntity('system:default/shop', {
      spec: { domain: 'commerce', owner: 'team-shop' },
      relations: [['partOf', 'domain:default/commerce']],
    }),
    testEntity(c('cart'), {
      spec: { owner: 'team-shop', system: 'shop', lifecycle: 'production' },
      annotations: {
        'release-coordination/audience': 'customers, internal-ops',
      },
      relations: [
        ['partOf', 'system:default/shop'],
        ['ownedBy', 'group:default/team-shop'],
      ],
      title: 'Cart',
    }),
    testEntity(c('checkout'), {
      spec: { owner: 'team-pay', system: 'shop' },
      annotations: { 'release-coordination/audience': 'customers' },
      relations: [
        ['partOf', 'system:default/shop'],
        ['dependsOn', c('cart')],
        ['ownedBy', 'group:default/team-pay'],
      ],
    }),
    testEntity('group:default/team-shop'),
    testEntity('group:default/team-pay'),
  ];

  it('groups by system, domain, owner and audience, with tiers inherited', async () => {
    const report = await impact(org, [c('cart')]);
    expect(report.changed[0]).toEqual({
      entityRef: c('cart'),
      kind: 'Component',
      name: 'cart',
      title: 'Cart',
      owner: 'group:default/team-shop',
      system: 'system:default/shop',
      domain: 'domain:default/commerce',
      lifecycle: 'production',
      tier: 'tier-2',
    });
    // a dependent gives its owner and system; its node in the graph the rest
    const checkout = report.dependents.find(d => d.entityRef === c('checkout'));
    expect(checkout).toEqual({
      entityRef: c('checkout'),
      owner: 'group:default/team-pay',
      system: 'system:default/shop',
      depth: 1,
      path: [c('cart'), c('checkout')],
      via: 'dependsOn',
      high: false,
    });
    expect(report.graph.nodes.find(n => n.id === c('checkout'))).toMatchObject({
      kind: 'Component',
      name: 'checkout',
    });
    expect(report.systems).toEqual([{ ref: 'system:default/shop', count: 2 }]);
    expect(report.domains).toEqual([
      { ref: 'domain:default/commerce', count: 2 },
    ]);
    expect(depths(report)).toMatchObject({
      [c('checkout')]: 1,
      'system:default/shop': 1,
      'domain:default/commerce': 2,
    });
    expect(report.owners).toEqual(
      expect.arrayContaining([
        { groupRef: 'group:default/team-pay', entityRefs: [c('checkout')] },
        {
          groupRef: 'group:default/team-shop',
          entityRefs: expect.arrayContaining([c('cart')]),
        },
      ]),
    );
    expect(report.audiences).toEqual([
      { audience: 'customers', entityRefs: [c('cart'), c('checkout')] },
      { audience: 'internal-ops', entityRefs: [c('cart')] },
    ]);
    expect(report.risk.factors.filter(f => f.dimension === 'impact')).toEqual([
      expect.objectContaining({ id: 'dependents', points: 1 }),
      expect.objectContaining({ id: 'tier', points: 1 }),
      expect.objectContaining({ id: 'audiences', points: 1 }),
    ]);
    expect(report.risk.factors.map(f => f.id)).not.toContain('lead-time');
    // ownedBy edges are not listed: a node's owner in the graph is one
    expect(report.graph.edges.map(e => e.relation)).not.toContain('ownedBy');
    expect(report.graph.nodes.find(n => n.id === c('cart'))).toMatchObject({
      owner: 'group:default/team-shop',
    });
    expect(impactGraphEdges(report.graph)).toContainEqual({
      from: c('cart'),
      to: 'group:default/team-shop',
      relation: 'ownedBy',
    });
    expect(report.graph.nodes.map(n => n.id)).toContain(
      'group:default/team-shop',
    );
    for (const node of report.graph.nodes) {
      expect(node).not.toHaveProperty('namespace');
      expect(node).not.toHaveProperty('domain');
    }
  });

  it('shows only what the user may read, saying nothing about the rest', async () => {
    const report = await impact(chain, [c('a')], { hidden: [c('c')] });
    // d is reached only through c
    expect(depths(report)).toEqual({ [c('b')]: 1 });
    expect(JSON.stringify(report)).not.toContain(c('c'));
    expect(JSON.stringify(report)).not.toContain(c('d'));
  });

  it('refuses refs that are not in the catalog (or hidden), naming them', async () => {
    await expect(impact(chain, [c('a'), c('nope')])).rejects.toThrow(
      /Unknown entity refs.*component:default\/nope/,
    );
    await expect(impact(chain, [c('a')], { hidden: [c('a')] })).rejects.toThrow(
      /component:default\/a/,
    );
  });

  it('reads the catalog in bulk pages, once', async () => {
    const catalog = catalogServiceMock({ entities: chain });
    const query = jest.spyOn(catalog, 'queryEntities');
    const graphs = new CatalogModel({
      catalog,
      auth: mockServices.auth(),
    });
    await Promise.all([graphs.graph(), graphs.graph()]);
    await graphs.graph();
    expect(query).toHaveBeenCalledTimes(1);
    expect(query.mock.calls[0][0]).toMatchObject({
      filter: { kind: expect.arrayContaining(['Component', 'API']) },
      fields: expect.arrayContaining(['relations', 'kind']),
    });
    const scheduler = mockServices.scheduler.mock();
    await graphs.schedule(scheduler);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ scope: 'local' }),
    );
  });

  describe("read check, by the user's catalog.entity.read decision", () => {
    const user = mockCredentials.user('user:default/alice');
    const setup = (decision: AuthorizeResult) => {
      const hiding = permissionedCatalog(chain, [c('c')]);
      const getEntitiesByRefs = jest.fn(hiding.getEntitiesByRefs);
      const catalog = new Proxy(hiding, {
        get: (target, property) =>
          property === 'getEntitiesByRefs'
            ? getEntitiesByRefs
            : Reflect.get(target, property),
      });
      const permissions = catalogReadPermissions(decision);
      const impactService = new ImpactService({
        catalog: new CatalogModel({
          catalog,
          auth: mockServices.auth(),
          permissions,
        }),
        releases: {} as ReleaseService,
        store: {} as ReleaseStore,
        overrides: {} as RiskOverrideStore,
      });
      const plan = (entityRefs: string[]) =>
        impactService.planImpact({ entityRefs, changes: [] }, user);
      return { plan, getEntitiesByRefs, permissions };
    };

    it('allow: shows everything the graph knows without asking the catalog', async () => {
      const { plan, getEntitiesByRefs, permissions } = setup(
        AuthorizeResult.ALLOW,
      );
      const report = await plan([c('a')]);
      expect(depths(report)).toEqual({ [c('b')]: 1, [c('c')]: 2, [c('d')]: 3 });
      expect(getEntitiesByRefs).not.toHaveBeenCalled();
      expect(permissions.authorizeConditional).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'catalog.entity.read',
            }),
          },
        ],
        { credentials: user },
      );
    });

    it('allow: still asks the catalog about refs the graph does not know', async () => {
      const { plan, getEntitiesByRefs } = setup(AuthorizeResult.ALLOW);
      await expect(plan([c('a'), c('nope')])).rejects.toThrow(
        /Unknown entity refs.*component:default\/nope/,
      );
      expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
      expect(getEntitiesByRefs.mock.calls[0][0].entityRefs).toEqual([
        c('nope'),
      ]);
    });

    it('deny: shows nothing, so every asked ref is unknown', async () => {
      const { plan, getEntitiesByRefs } = setup(AuthorizeResult.DENY);
      await expect(plan([c('a')])).rejects.toThrow(
        /Unknown entity refs.*component:default\/a/,
      );
      expect(getEntitiesByRefs).not.toHaveBeenCalled();
    });

    it("conditional: the catalog answers with the user's credentials, in one batch", async () => {
      const { plan, getEntitiesByRefs } = setup(AuthorizeResult.CONDITIONAL);
      const report = await plan([c('a')]);
      expect(depths(report)).toEqual({ [c('b')]: 1 });
      expect(JSON.stringify(report)).not.toContain(c('c'));
      expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
      expect(getEntitiesByRefs).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRefs: expect.arrayContaining([c('a'), c('b'), c('c')]),
        }),
        { credentials: user },
      );
    });
  });
});
