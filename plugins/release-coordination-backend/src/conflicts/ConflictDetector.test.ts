import { Entity } from '@backstage/catalog-model';
import { Release } from '@internal/plugin-release-coordination-common';
import { detectConflicts, FreezeOccurrenceInput } from './ConflictDetector';
import { CatalogGraph } from '../catalogGraph/CatalogGraph';
import { DependencyGraph } from '../catalogGraph/DependencyGraph';

let counter = 0;
function release(
  start: string,
  end: string,
  overrides: Partial<Release> = {},
): Release {
  counter += 1;
  return {
    id: `r${String(counter).padStart(3, '0')}`,
    title: `Release ${counter}`,
    version: '1.0.0',
    type: 'normal',
    state: 'planned',
    window: {
      start: `2026-12-01T${start}:00.000Z`,
      end: `2026-12-01T${end}:00.000Z`,
    },
    entityRefs: ['component:default/a'],
    ownerRef: 'group:default/team-a',
    description: '',
    changes: [],
    createdBy: 'user:default/alice',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

function component(
  name: string,
  relations: [string, string][] = [],
  system?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: system ? { system } : {},
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

/** The dependency view of a catalog of these entities and every entity their relations name. */
const graphOf = (entities: Entity[]) => {
  const named = new Set(
    entities.map(e => `component:default/${e.metadata.name}`),
  );
  const targets = entities
    .flatMap(e => e.relations ?? [])
    .map(r => r.targetRef)
    .filter(ref => !named.has(ref));
  const stubs = [...new Set(targets)].map(ref => {
    const [kind, rest] = ref.split(':');
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: kind === 'api' ? 'API' : kind[0].toUpperCase() + kind.slice(1),
      metadata: { name: rest.split('/')[1], namespace: 'default' },
      spec: {},
    };
  });
  return DependencyGraph.of(CatalogGraph.build([...entities, ...stubs]));
};

const freeze = (
  parts: Partial<FreezeOccurrenceInput> = {},
): FreezeOccurrenceInput => ({
  freezeId: 'f1',
  title: 'Payments freeze',
  start: '2026-12-01T10:00:00.000Z',
  end: '2026-12-01T14:00:00.000Z',
  exemptTypes: ['emergency', 'security'],
  entityRefs: ['component:default/a', 'component:default/b'],
  ...parts,
});

const kinds = (releases: Release[], extra = {}) =>
  detectConflicts({ releases, ...extra }).map(c => c.kind);

describe('detectConflicts', () => {
  describe('freeze', () => {
    it('flags a release inside an applicable freeze, naming every covered entity', () => {
      const r = release('11:00', '12:00', {
        entityRefs: ['component:default/a', 'component:default/b'],
      });
      const [conflict, ...rest] = detectConflicts({
        releases: [r],
        freezes: [freeze()],
      });
      expect(rest).toEqual([]);
      expect(conflict).toMatchObject({
        kind: 'freeze',
        severity: 'blocking',
        releaseIds: [r.id],
        entityRefs: ['component:default/a', 'component:default/b'],
      });
      expect(conflict.message).toContain('Payments freeze');
      expect(conflict.suggestion).toMatch(/freeze override/);
      // plain words: no endpoint path
      expect(conflict.suggestion).toContain('"Suggest slots"');
      expect(conflict.suggestion).not.toMatch(/\b(GET|POST) \/|\/slots/);
      expect(conflict.id).toMatch(/^[0-9a-f]{20}$/);
      // stable
      expect(
        detectConflicts({ releases: [r], freezes: [freeze()] })[0].id,
      ).toBe(conflict.id);
    });

    it('also finds a freeze that starts while the release runs', () => {
      const r = release('08:00', '11:00');
      expect(kinds([r], { freezes: [freeze()] })).toEqual(['freeze']);
    });

    it.each([
      ['a window that only touches it', release('14:00', '15:00')],
      ['an exempt type', release('11:00', '12:00', { type: 'emergency' })],
      [
        'an overridden freeze',
        release('11:00', '12:00', {
          freezeOverride: { reason: 'Deadline', by: 'user:default/a', at: '' },
        }),
      ],
      [
        'a cancelled release',
        release('11:00', '12:00', { state: 'cancelled' }),
      ],
      [
        'an entity the freeze does not cover',
        release('11:00', '12:00', { entityRefs: ['component:default/z'] }),
      ],
    ])('is absent for %s', (_, r) => {
      expect(kinds([r], { freezes: [freeze()] })).toEqual([]);
    });
  });

  describe('same-entity', () => {
    it('flags overlapping active releases of one entity, listing every shared entity', () => {
      const refs = ['component:default/a', 'component:default/b'];
      const x = release('10:00', '12:00', { entityRefs: refs });
      const y = release('11:00', '13:00', {
        entityRefs: [...refs, 'component:default/c'],
        ownerRef: 'group:default/team-b',
      });
      const conflicts = detectConflicts({ releases: [y, x] });
      expect(conflicts).toEqual([
        expect.objectContaining({
          kind: 'same-entity',
          severity: 'blocking',
          releaseIds: [x.id, y.id],
          entityRefs: refs,
        }),
      ]);
      expect(conflicts[0].message).toContain(x.title);
    });

    it.each([
      ['back-to-back windows', '12:00', '13:00', 'planned'],
      ['a cancelled release', '11:00', '13:00', 'cancelled'],
      ['a released release', '11:00', '13:00', 'released'],
    ] as const)('is absent for %s', (_, start, end, state) => {
      const x = release('10:00', '12:00');
      const y = release(start, end, { state });
      expect(kinds([x, y])).toEqual([]);
    });

    it('is absent for unrelated entities', () => {
      const x = release('10:00', '12:00');
      const y = release('10:00', '12:00', {
        entityRefs: ['component:default/z'],
      });
      expect(kinds([x, y])).toEqual([]);
    });
  });

  describe('dependency', () => {
    it('flags a direct dependsOn as a warning', () => {
      const graph = graphOf([
        component('a', [['dependsOn', 'component:default/b']]),
      ]);
      const x = release('10:00', '12:00');
      const y = release('11:00', '13:00', {
        entityRefs: ['component:default/b'],
      });
      const conflicts = detectConflicts({ releases: [x, y], graph });
      expect(conflicts).toEqual([
        expect.objectContaining({
          kind: 'dependency',
          severity: 'warning',
          releaseIds: [x.id, y.id],
          entityRefs: ['component:default/a', 'component:default/b'],
        }),
      ]);
      expect(conflicts[0].message).toContain('a depends on b');
    });

    it('finds and names the same conflicts whether few or many related entities have releases', () => {
      // a depends on c before b; a hub that a depends on, and that many
      // idle entities depend on, makes the related entities outnumber the
      // active ones, so the detector looks the active ones up instead
      const idle = Array.from({ length: 40 }, (_, i) =>
        component(`idle${i}`, [['dependsOn', 'component:default/hub']]),
      );
      const small = graphOf([
        component('a', [
          ['dependsOn', 'component:default/c'],
          ['dependsOn', 'component:default/b'],
        ]),
        component('d', [['dependsOn', 'component:default/a']]),
      ]);
      const large = graphOf([
        component('a', [
          ['dependsOn', 'component:default/c'],
          ['dependsOn', 'component:default/b'],
          ['dependsOn', 'component:default/hub'],
        ]),
        component('d', [['dependsOn', 'component:default/a']]),
        ...idle,
      ]);
      expect(small.dependenciesOf('component:default/a').length).toBeLessThan(
        3,
      );
      expect(large.dependentsOf('component:default/hub').length).toBe(42);
      const early = release('09:00', '12:00', {
        entityRefs: ['component:default/d'],
      });
      const other = release('10:00', '12:00', {
        entityRefs: ['component:default/b', 'component:default/c'],
      });
      const focus = release('11:00', '13:00');
      const input = [early, other, focus];
      const found = detectConflicts({ releases: input, graph: large });
      expect(found).toEqual(detectConflicts({ releases: input, graph: small }));
      const between = (a: Release, b: Release) =>
        found.find(c => c.releaseIds.join() === [a.id, b.id].sort().join())!;
      expect(found).toHaveLength(3);
      expect(between(focus, other).message).toContain('a depends on c');
      expect(between(focus, other).entityRefs).toEqual([
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]);
      expect(between(early, focus).message).toContain('d depends on a');
      expect(between(early, other).message).toContain('d depends on b');
    });

    it('follows API consumption transitively (A consumes X, B provides X, B depends on C)', () => {
      const graph = graphOf([
        component('a', [['consumesApi', 'api:default/x']]),
        component('b', [
          ['providesApi', 'api:default/x'],
          ['dependsOn', 'resource:default/c'],
        ]),
      ]);
      const x = release('10:00', '12:00');
      const z = release('11:00', '13:00', {
        entityRefs: ['resource:default/c'],
      });
      const conflicts = detectConflicts({ releases: [z, x], graph });
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        kind: 'dependency',
        entityRefs: ['component:default/a', 'resource:default/c'],
      });
      // the dependent starting later finds it too
      const later = release('11:30', '12:30');
      expect(
        detectConflicts({ releases: [z, later], graph }).map(c => c.kind),
      ).toEqual(['dependency']);
    });

    it('ends in a cycle without looping', () => {
      const graph = graphOf([
        component('a', [['dependsOn', 'component:default/b']]),
        component('b', [['dependsOn', 'component:default/c']]),
        component('c', [['dependsOn', 'component:default/a']]),
      ]);
      expect(graph.dependenciesOf('component:default/a').sort()).toEqual([
        'component:default/b',
        'component:default/c',
      ]);
      const x = release('10:00', '12:00');
      const y = release('11:00', '13:00', {
        entityRefs: ['component:default/c'],
      });
      expect(kinds([x, y], { graph })).toEqual(['dependency']);
    });

    it('flags parts of the same system', () => {
      const graph = graphOf([
        component('a', [], 'payments'),
        component('b', [['partOf', 'system:default/payments']]),
      ]);
      const x = release('10:00', '12:00');
      const y = release('11:00', '13:00', {
        entityRefs: ['component:default/b'],
      });
      const [conflict] = detectConflicts({ releases: [x, y], graph });
      expect(conflict.kind).toBe('dependency');
      expect(conflict.message).toContain('are both part of payments.');
    });

    it('is absent for unrelated entities and for non-overlapping windows', () => {
      const graph = graphOf([
        component('a', [['dependsOn', 'component:default/b']]),
        component('z'),
      ]);
      const x = release('10:00', '12:00');
      const unrelated = release('11:00', '13:00', {
        entityRefs: ['component:default/z'],
      });
      const later = release('12:00', '13:00', {
        entityRefs: ['component:default/b'],
      });
      expect(kinds([x, unrelated, later], { graph })).toEqual([]);
    });
  });

  describe('owner-overload', () => {
    const four = () =>
      ['10:00', '10:30', '11:00', '11:30'].map((start, i) =>
        release(start, '13:00', {
          entityRefs: [`component:default/e${i}`],
        }),
      );

    it('flags more concurrent releases of one owner than the limit, listing all of them and their entities', () => {
      const releases = four();
      const conflicts = detectConflicts({ releases });
      expect(conflicts).toEqual([
        expect.objectContaining({
          kind: 'owner-overload',
          severity: 'warning',
          releaseIds: releases.map(r => r.id).sort(),
          entityRefs: [
            'component:default/e0',
            'component:default/e1',
            'component:default/e2',
            'component:default/e3',
          ],
        }),
      ]);
      expect(conflicts[0].message).toMatch(
        /^team-a owns up to 4 .* \(limit 3\)/,
      );
    });

    it('is absent at the limit, with a higher limit, or when one is cancelled', () => {
      const releases = four();
      expect(kinds(releases.slice(0, 3))).toEqual([]);
      expect(kinds(releases, { maxConcurrentPerOwner: 4 })).toEqual([]);
      releases[0].state = 'cancelled';
      expect(kinds(releases)).toEqual([]);
    });
  });

  describe('ordering', () => {
    it('flags a release that starts before the one it must follow ends', () => {
      const first = release('10:00', '12:00', {
        entityRefs: ['component:default/b'],
      });
      const second = release('11:00', '13:00', {
        entityRefs: ['component:default/c'],
        after: [first.id],
      });
      const conflicts = detectConflicts({ releases: [first, second] });
      expect(conflicts).toEqual([
        expect.objectContaining({
          kind: 'ordering',
          severity: 'blocking',
          releaseIds: [first.id, second.id].sort(),
          entityRefs: ['component:default/b', 'component:default/c'],
        }),
      ]);
      expect(conflicts[0].suggestion).toContain(
        'at or after Tue Dec 1, 12:00 UTC,',
      );
    });

    it('also flags a follower scheduled entirely before the other', () => {
      const first = release('14:00', '15:00', {
        entityRefs: ['component:default/b'],
      });
      const second = release('10:00', '11:00', {
        entityRefs: ['component:default/c'],
        after: [first.id],
      });
      expect(kinds([first, second])).toEqual(['ordering']);
    });

    it('is absent when it starts after the other ends, or the other is cancelled', () => {
      const first = release('10:00', '12:00', {
        entityRefs: ['component:default/b'],
      });
      const second = release('12:00', '13:00', {
        entityRefs: ['component:default/c'],
        after: [first.id],
      });
      expect(kinds([first, second])).toEqual([]);
      const cancelled = { ...first, state: 'cancelled' as const };
      expect(kinds([cancelled, { ...second, window: first.window }])).toEqual(
        [],
      );
    });
  });

  it('with `involving`, finds exactly the conflicts of a full pass that involve one of those releases', () => {
    // every kind, with hubs whose reach is larger than the active entities
    // (either lookup of the detector), a freeze, overloads and ordering
    const entities = Array.from({ length: 30 }, (_, i) =>
      component(
        `c${i}`,
        [
          ['dependsOn', `component:default/c${(i * 7 + 3) % 30}`],
          ...(i % 3 === 0
            ? ([['dependsOn', 'component:default/hub']] as [string, string][])
            : []),
        ],
        `s${i % 4}`,
      ),
    );
    const graph = graphOf([...entities, component('hub')]);
    const hour = 3_600_000;
    const releases = Array.from({ length: 120 }, (_, i) => {
      const start = Date.UTC(2026, 11, 1) + ((i * 37) % 97) * (hour / 2);
      return release('10:00', '11:00', {
        window: {
          start: new Date(start).toISOString(),
          end: new Date(start + (1 + (i % 5)) * hour).toISOString(),
        },
        entityRefs: [
          `component:default/c${(i * 11) % 30}`,
          ...(i % 4 === 0 ? [`component:default/c${(i * 5) % 30}`] : []),
        ],
        ownerRef: `group:default/g${i % 3}`,
      });
    });
    releases.forEach((r, i) => {
      if (i % 3 === 0 && i >= 3) r.after = [releases[i - 3].id];
    });
    const freezes = [
      freeze({
        start: '2026-12-01T20:00:00.000Z',
        end: '2026-12-02T02:00:00.000Z',
        entityRefs: ['component:default/c1', 'component:default/c2'],
      }),
    ];
    const all = detectConflicts({ releases, freezes, graph });
    expect(new Set(all.map(c => c.kind)).size).toBe(5);
    for (const picked of [
      releases.filter((_, i) => i % 10 === 0),
      releases.slice(40, 45),
      [releases[7]],
    ]) {
      const involving = new Set(picked.map(r => r.id));
      expect(detectConflicts({ releases, freezes, graph, involving })).toEqual(
        all.filter(c => c.releaseIds.some(id => involving.has(id))),
      );
    }
  });

  it('handles many releases in one sweep', () => {
    const releases = Array.from({ length: 2000 }, (_, i) =>
      release('10:00', '11:00', {
        window: {
          start: new Date(
            Date.UTC(2026, 0, 1, 0, 0) + i * 3_600_000,
          ).toISOString(),
          end: new Date(
            Date.UTC(2026, 0, 1, 2, 0) + i * 3_600_000,
          ).toISOString(),
        },
        entityRefs: [`component:default/c${i % 10}`],
        ownerRef: `group:default/g${i % 100}`,
      }),
    );
    expect(detectConflicts({ releases })).toEqual([]);
  });
});
