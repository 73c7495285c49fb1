import fc from 'fast-check';
import { CatalogGraph } from './CatalogGraph';
import { testEntity } from './testCatalog';
import { affectingOf, traverseImpact } from './traverse';

const KINDS = ['component', 'api', 'resource', 'system'] as const;
const RELATIONS = ['dependsOn', 'consumesApi', 'providesApi', 'partOf'];

/** A random catalog of up to 12 entities and 30 relations between them. */
const catalogs = fc
  .record({
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 12 }),
    edges: fc.array(
      fc.tuple(fc.nat(), fc.constantFrom(...RELATIONS), fc.nat()),
      { maxLength: 30 },
    ),
  })
  .map(({ kinds, edges }) => {
    const refs = kinds.map((kind, i) => `${kind}:default/e${i}`);
    const relations = refs.map(() => [] as [string, string][]);
    for (const [from, type, to] of edges) {
      relations[from % refs.length].push([type, refs[to % refs.length]]);
    }
    return CatalogGraph.build(
      refs.map((ref, i) => testEntity(ref, { relations: relations[i] })),
    );
  });

describe('affectingOf', () => {
  it('is the inverse of traverseImpact: x is reached from R exactly when R affects x', () => {
    fc.assert(
      fc.property(
        catalogs,
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        (graph, changedSeeds, targetSeed, depth) => {
          const changed = [...new Set(changedSeeds.map(i => i % graph.size))];
          const target = targetSeed % graph.size;
          const reached = traverseImpact(
            graph,
            changed,
            depth,
            new Set(),
          ).reached;
          const affecting = affectingOf(graph, [target], depth);
          expect(reached.has(target)).toBe(
            changed.some(node => affecting.has(node)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
