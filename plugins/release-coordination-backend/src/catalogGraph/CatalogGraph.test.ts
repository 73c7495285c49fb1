import { Adjacency, CatalogGraph } from './CatalogGraph';
import { testEntity } from './testCatalog';

describe('CatalogGraph', () => {
  it('visits the same targets with forEachOut as out lists, for every node', () => {
    const graph = CatalogGraph.build([
      testEntity('component:default/a', {
        relations: [
          ['dependsOn', 'component:default/b'],
          ['dependsOn', 'component:default/c'],
        ],
      }),
      testEntity('component:default/b', {
        relations: [['dependsOn', 'component:default/c']],
      }),
      testEntity('component:default/c'),
    ]);
    for (let node = -1; node <= graph.size; node++) {
      const visited: number[] = [];
      graph.forEachOut('dependsOn', node, target => visited.push(target));
      expect(visited).toEqual([...graph.out('dependsOn', node)]);
    }
    const a = graph.indexOf('component:default/a');
    expect(
      [...graph.out('dependsOn', a)].map(i => graph.refs[i]).sort(),
    ).toEqual(['component:default/b', 'component:default/c']);
  });

  it('Adjacency.forEach visits nothing for nodes out of range', () => {
    const adjacency = Adjacency.fromPairs([0, 1, 0, 2, 2, 0], 3);
    const visit = jest.fn();
    adjacency.forEach(-1, visit);
    adjacency.forEach(3, visit);
    adjacency.forEach(1, visit);
    expect(visit).not.toHaveBeenCalled();
    adjacency.forEach(0, visit);
    expect(visit.mock.calls).toEqual([[1], [2]]);
  });
});
