import { buildDependencyGraphData } from '../conflicts/DependencyGraph';
import { CatalogGraph } from './CatalogGraph';
import { toDependencyGraphData } from './dependencyGraphData';
import { testEntity } from './testCatalog';

describe('toDependencyGraphData', () => {
  it('gives the conflict detector the same graph it reads itself', () => {
    const entities = [
      testEntity('system:default/pay'),
      testEntity('component:default/ledger', {
        spec: { system: 'pay' },
        relations: [
          ['providesApi', 'api:default/ledger-api'],
          ['partOf', 'system:default/pay'],
        ],
      }),
      testEntity('api:default/ledger-api'),
      testEntity('component:default/shop', {
        relations: [
          ['consumesApi', 'api:default/ledger-api'],
          ['dependsOn', 'resource:default/db'],
        ],
      }),
      testEntity('resource:default/db'),
    ];
    const sort = (pairs: [string, string][]) =>
      pairs.map(pair => pair.join(' → ')).sort();
    const expected = buildDependencyGraphData(entities);
    const actual = toDependencyGraphData(CatalogGraph.build(entities));
    expect(sort(actual.edges)).toEqual(sort(expected.edges));
    expect(sort(actual.systems)).toEqual(sort(expected.systems));
    expect(sort(actual.edges)).toContain(
      'component:default/shop → component:default/ledger',
    );
  });
});
