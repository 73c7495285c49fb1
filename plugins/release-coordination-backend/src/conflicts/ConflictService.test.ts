import { CacheService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Release } from '@internal/plugin-release-coordination-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { ConflictService } from './ConflictService';
import { DependencyGraph } from './DependencyGraph';

function release(id: string, entityRef: string): Release {
  return {
    id,
    title: id,
    version: '1.0.0',
    type: 'normal',
    state: 'planned',
    window: {
      start: '2026-12-01T10:00:00.000Z',
      end: '2026-12-01T12:00:00.000Z',
    },
    entityRefs: [entityRef],
    ownerRef: 'group:default/team-a',
    description: '',
    changes: [],
    createdBy: 'user:default/alice',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    revision: 1,
  };
}

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'a', namespace: 'default' },
    spec: {},
    relations: [{ type: 'dependsOn', targetRef: 'component:default/b' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'b', namespace: 'default' },
    spec: {},
  },
];

describe('ConflictService dependency graph', () => {
  const releases = [
    release('r1', 'component:default/a'),
    release('r2', 'component:default/b'),
  ];
  const store = {
    listActiveCandidates: async () => releases,
    getReleases: async () => [],
    listActiveFollowers: async () => [],
  } as unknown as ReleaseStore;
  const freezes = {
    freezesApplyingTo: async () => [],
  } as unknown as FreezeService;

  function cacheSpy() {
    const values = new Map<string, unknown>();
    const cache = {
      get: jest.fn(async (key: string) => values.get(key)),
      set: jest.fn(async (key: string, value: unknown) => {
        values.set(key, value);
      }),
      clear: () => values.clear(),
    };
    return cache;
  }

  it('with a cache service, reuses one graph for the next requests', async () => {
    const cache = cacheSpy();
    const catalog = catalogServiceMock({ entities });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const service = new ConflictService({
      store,
      freezes,
      catalog,
      auth: mockServices.auth(),
      cache: cache as unknown as CacheService,
    });
    const credentials = mockCredentials.user();
    const [first, second] = await Promise.all([
      service.conflictsOf(releases, credentials),
      service.conflictsOf(releases, credentials),
    ]);
    const third = await service.conflictsOf(releases, credentials);
    for (const conflicts of [first, second, third]) {
      expect(conflicts.map(c => c.kind)).toEqual(['dependency']);
    }
    expect(cache.get).toHaveBeenCalledTimes(1);
    // the graph and its version
    expect(cache.set).toHaveBeenCalledTimes(2);
    expect(queryEntities).toHaveBeenCalledTimes(1);
  });

  it('after a while, answers with the graph it has while it reads the next one', async () => {
    const cache = cacheSpy();
    let dependsOn = 'component:default/b';
    const catalog = catalogServiceMock({ entities });
    jest.spyOn(catalog, 'queryEntities').mockImplementation(async () => ({
      items: [
        {
          ...entities[0],
          relations: [{ type: 'dependsOn', targetRef: dependsOn }],
        },
        entities[1],
      ],
      pageInfo: {},
      totalItems: 2,
    }));
    const service = new ConflictService({
      store,
      freezes,
      catalog,
      auth: mockServices.auth(),
      cache: cache as unknown as CacheService,
    });
    const credentials = mockCredentials.user();
    const kinds = async () =>
      (await service.conflictsOf(releases, credentials)).map(c => c.kind);
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      expect(await kinds()).toEqual(['dependency']);
      const graphOf = jest.spyOn(DependencyGraph.prototype, 'dependenciesOf');
      // while the cache holds the same graph, the instance is kept
      clock.mockReturnValue(now + 11_000);
      expect(await kinds()).toEqual(['dependency']);
      await new Promise(resolve => setImmediate(resolve));
      // only the version was asked for
      expect(cache.get).toHaveBeenCalledTimes(2);
      const instances = new Set(graphOf.mock.contexts);
      // the catalog changes, and the cached graph expires
      dependsOn = 'component:default/c';
      cache.clear();
      clock.mockReturnValue(now + 22_000);
      expect(await kinds()).toEqual(['dependency']);
      // once read, the next requests get the new graph
      await new Promise(resolve => setImmediate(resolve));
      expect(await kinds()).toEqual([]);
      expect(instances.size).toBe(1);
      expect(new Set(graphOf.mock.contexts).size).toBe(2);
      graphOf.mockRestore();
    } finally {
      clock.mockRestore();
    }
  });

  it('without a cache service, reads the catalog for every request', async () => {
    const catalog = catalogServiceMock({ entities });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const service = new ConflictService({
      store,
      freezes,
      catalog,
      auth: mockServices.auth(),
    });
    const credentials = mockCredentials.user();
    await service.conflictsOf(releases, credentials);
    await service.conflictsOf(releases, credentials);
    expect(queryEntities).toHaveBeenCalledTimes(2);
  });
});

describe('ConflictService.conflictsOf', () => {
  const at = (hours: number) =>
    new Date(Date.UTC(2026, 11, 1, hours)).toISOString();
  const planned = (
    id: string,
    entityRef: string,
    start: number,
    parts: Partial<Release> = {},
  ): Release => ({
    ...release(id, entityRef),
    window: { start: at(start), end: at(start + 2) },
    ownerRef: `group:default/owner-${id}`,
    ...parts,
  });
  const freezes = {
    freezesApplyingTo: async () => [],
  } as unknown as FreezeService;

  it('finds a dependency that only the other release sees, when few of the releases read are asked about', async () => {
    // 999 entities depend on the hub before the late one does, so the
    // hub's dependents stop short of it, while it depends on the hub
    const dependsOnHub = (name: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {},
      relations: [{ type: 'dependsOn', targetRef: 'component:default/hub' }],
    });
    const catalog = catalogServiceMock({
      entities: [
        ...Array.from({ length: 999 }, (_, i) => dependsOnHub(`d${i}`)),
        dependsOnHub('late'),
        { ...entities[1], metadata: { name: 'hub', namespace: 'default' } },
      ],
    });
    const focus = planned('focus', 'component:default/hub', 10);
    const late = planned('late', 'component:default/late', 11);
    const unrelated = Array.from({ length: 5 }, (_, i) =>
      planned(`u${i}`, `component:default/u${i}`, 10),
    );
    const store = {
      listActiveCandidates: async () => [focus, late, ...unrelated],
      getReleases: async () => [],
      listActiveFollowers: async () => [],
    } as unknown as ReleaseStore;
    const service = new ConflictService({
      store,
      freezes,
      catalog,
      auth: mockServices.auth(),
    });
    const conflicts = await service.conflictsOf(
      [focus],
      mockCredentials.user(),
    );
    expect(conflicts.map(c => [c.kind, c.releaseIds])).toEqual([
      ['dependency', ['focus', 'late']],
    ]);
    expect(conflicts[0].message).toContain(
      'component:default/late depends on component:default/hub',
    );
  });

  it('reads only the drafts of owners whose drafts the user may see', async () => {
    const listActiveCandidates = jest.fn(async () => []);
    const store = {
      listActiveCandidates,
      getReleases: async () => [],
      listActiveFollowers: async () => [],
    } as unknown as ReleaseStore;
    const visibility = {
      visibleReleases: async <T>(releases: T[]) => releases,
      draftOwnerRefs: async () => ['group:default/team-a'],
    };
    const service = new ConflictService({
      store,
      freezes,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      visibility,
    });
    const focus = planned('focus', 'component:default/a', 10);
    await service.conflictsOf([focus], mockCredentials.user());
    await service.conflictsOf([focus], mockCredentials.service());
    expect(listActiveCandidates.mock.calls).toEqual([
      [{ from: at(10), to: at(12), draftOwnerRefs: ['group:default/team-a'] }],
      [{ from: at(10), to: at(12), draftOwnerRefs: undefined }],
    ]);
  });
});
