import { FreezeScope } from '@internal/plugin-release-coordination-common';
import { coveredBy, EntityPlacement, scopeCovers } from './FreezeEvaluator';

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
