import { FreezeScope } from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import {
  coveredBy,
  coveringItems,
  EntityPlacement,
  scopeCovers,
} from './FreezeEvaluator';

const refs = (kind: string, n: number) =>
  fc.uniqueArray(
    fc.integer({ min: 0, max: n }).map(i => `${kind}:default/${i}`),
    { maxLength: 3 },
  );
const anyScope: fc.Arbitrary<FreezeScope> = fc.record({
  all: fc.integer({ min: 0, max: 15 }).map(n => n === 0),
  entities: refs('component', 6),
  systems: refs('system', 4),
  domains: refs('domain', 3),
  groups: refs('group', 4),
});
const placement: fc.Arbitrary<EntityPlacement> = fc.record({
  entityRef: fc.integer({ min: 0, max: 6 }).map(i => `component:default/${i}`),
  found: fc.constant(true),
  systems: refs('system', 4).map(r => new Set(r)),
  domains: refs('domain', 3).map(r => new Set(r)),
  groups: refs('group', 4).map(r => new Set(r)),
});

describe('coveringItems', () => {
  it('finds what scopeCovers finds, in the order of the items, however often asked (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ scope: anyScope }), { maxLength: 30 }),
        fc.array(placement, { minLength: 1, maxLength: 5 }),
        (items, placements) => {
          // asked again for the same list: its index is made once
          for (const p of placements) {
            expect(coveringItems(items, p)).toEqual(
              items.filter(item => scopeCovers(item.scope, p)),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('coveredBy', () => {
  it('covers what scopeCovers covers, in the order of the placements', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const some = (prefix: string, n: number) =>
      Array.from(
        { length: Math.floor(random() * 3) },
        () => `${prefix}:default/${Math.floor(random() * n)}`,
      );
    const placements: EntityPlacement[] = Array.from(
      { length: 200 },
      (_, i) => ({
        entityRef: `component:default/c${i}`,
        found: true,
        systems: new Set(some('system', 10)),
        domains: new Set(some('domain', 4)),
        groups: new Set(some('group', 8)),
      }),
    );
    const covering = coveredBy(placements);
    for (let k = 0; k < 300; k++) {
      const scope: FreezeScope = {
        all: random() < 0.05,
        entities: Array.from(
          { length: Math.floor(random() * 4) },
          () => `component:default/c${Math.floor(random() * 220)}`,
        ),
        systems: some('system', 12),
        domains: some('domain', 5),
        groups: some('group', 9),
      };
      expect(covering(scope)).toEqual(
        placements.filter(p => scopeCovers(scope, p)),
      );
    }
    expect(
      covering({
        all: false,
        entities: [],
        systems: [],
        domains: [],
        groups: [],
      }),
    ).toEqual([]);
  });
});
