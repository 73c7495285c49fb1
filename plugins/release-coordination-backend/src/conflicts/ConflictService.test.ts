import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Release } from '@internal/plugin-release-coordination-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { ConflictService } from './ConflictService';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { DependencyGraph } from '../catalogGraph/DependencyGraph';

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

/** conflictsOf computes; listConflicts and withConflicts read the table. */
const noTable = {
  idsInRange: async () => [],
  listByIds: async () => [],
  listInvolving: async () => [],
};

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

  function modelOf(catalog: ReturnType<typeof catalogServiceMock>) {
    return new CatalogModel({ catalog, auth: mockServices.auth() });
  }

  it('asks the catalog model, which reads the catalog once for many requests', async () => {
    const catalog = catalogServiceMock({ entities });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const service = new ConflictService({
      store,
      table: noTable,
      freezes,
      catalog: modelOf(catalog),
      auth: mockServices.auth(),
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
    expect(queryEntities).toHaveBeenCalledTimes(1);
  });

  it('answers from the refreshed graph once the model has refreshed, keeping one dependency view per graph', async () => {
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
    const model = modelOf(catalog);
    const service = new ConflictService({
      store,
      table: noTable,
      freezes,
      catalog: model,
      auth: mockServices.auth(),
    });
    const credentials = mockCredentials.user();
    const kinds = async () =>
      (await service.conflictsOf(releases, credentials)).map(c => c.kind);
    const graphOf = jest.spyOn(DependencyGraph.prototype, 'dependenciesOf');
    expect(await kinds()).toEqual(['dependency']);
    expect(await kinds()).toEqual(['dependency']);
    expect(new Set(graphOf.mock.contexts).size).toBe(1);
    dependsOn = 'component:default/c';
    await model.refresh();
    expect(await kinds()).toEqual([]);
    expect(new Set(graphOf.mock.contexts).size).toBe(2);
    graphOf.mockRestore();
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
      table: noTable,
      freezes,
      catalog: new CatalogModel({ catalog, auth: mockServices.auth() }),
      auth: mockServices.auth(),
    });
    const conflicts = await service.conflictsOf(
      [focus],
      mockCredentials.user(),
    );
    expect(conflicts.map(c => [c.kind, c.releaseIds])).toEqual([
      ['dependency', ['focus', 'late']],
    ]);
    expect(conflicts[0].message).toContain('late depends on hub');
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
      table: noTable,
      freezes,
      catalog: new CatalogModel({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
      }),
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
