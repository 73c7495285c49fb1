import { DependencyGraph } from './DependencyGraph';

describe('DependencyGraph', () => {
  it('answers the same after its memo filled up and started over', () => {
    const ref = (i: number) => `component:default/c${i}`;
    const edges: [string, string][] = Array.from({ length: 3000 }, (_, i) => [
      ref(i),
      ref(i + 1),
    ]);
    const graph = new DependencyGraph({ edges, systems: [] });
    const first = graph.dependenciesOf(ref(2995));
    expect(first).toEqual([
      ref(2996),
      ref(2997),
      ref(2998),
      ref(2999),
      ref(3000),
    ]);
    // more lookups than the memo keeps
    for (let i = 0; i < 3000; i++) {
      graph.dependenciesOf(ref(i));
      graph.dependentsOf(ref(i));
    }
    expect(graph.dependenciesOf(ref(2995))).toEqual(first);
    expect(graph.dependentsOf(ref(2))).toEqual([ref(1), ref(0)]);
    expect([...graph.dependencyPositions(ref(0))]).toEqual(
      Array.from({ length: 10 }, (_, i) => [ref(i + 1), i]),
    );
  });
});
