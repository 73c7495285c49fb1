/**
 * Adjacency in compressed sparse row form: the neighbours of node `i` are
 * `targets[offsets[i]..offsets[i + 1])`.
 */
export class Adjacency {
  private static readonly NONE = new Int32Array(0);

  constructor(
    private readonly offsets: Int32Array,
    private readonly targets: Int32Array,
  ) {}

  /**
   * Builds from a flat list of pairs `[from0, to0, from1, to1, ...]` (or, with
   * `reversed`, `[to0, from0, ...]`), keeping their order per node.
   */
  static fromPairs(
    pairs: ArrayLike<number>,
    nodeCount: number,
    reversed = false,
  ): Adjacency {
    return Adjacency.fromSelectedPairs(pairs, nodeCount, reversed);
  }

  /**
   * The forward and backward adjacency of a list of pairs, each pair once (the
   * first of equal pairs is kept), in linear time: each node's neighbours in
   * the order of the list.
   */
  static bothWays(
    pairs: ArrayLike<number>,
    nodeCount: number,
  ): { forward: Adjacency; backward: Adjacency } {
    const forward = Adjacency.fromSelectedPairs(pairs, nodeCount, false);
    const keep = forward.firstOccurrences(pairs);
    return {
      forward: Adjacency.fromSelectedPairs(pairs, nodeCount, false, keep),
      backward: Adjacency.fromSelectedPairs(pairs, nodeCount, true, keep),
    };
  }

  /** Counting sort of the (kept) pairs by their first (or, reversed, second) node: stable. */
  private static fromSelectedPairs(
    pairs: ArrayLike<number>,
    nodeCount: number,
    reversed: boolean,
    keep?: Uint8Array,
  ): Adjacency {
    const from = reversed ? 1 : 0;
    const to = 1 - from;
    const offsets = new Int32Array(nodeCount + 1);
    let kept = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      if (keep && !keep[i >> 1]) continue;
      offsets[pairs[i + from] + 1]++;
      kept++;
    }
    for (let i = 0; i < nodeCount; i++) offsets[i + 1] += offsets[i];
    const fill = offsets.slice(0, nodeCount);
    const targets = new Int32Array(kept);
    for (let i = 0; i < pairs.length; i += 2) {
      if (keep && !keep[i >> 1]) continue;
      targets[fill[pairs[i + from]]++] = pairs[i + to];
    }
    return new Adjacency(offsets, targets);
  }

  /**
   * Which pairs of the list this adjacency was built from (unreduced) are the
   * first with their ends: each node's neighbours are in the list's order, and
   * a target is marked with the node it was last seen from.
   */
  private firstOccurrences(pairs: ArrayLike<number>): Uint8Array {
    const nodeCount = this.offsets.length - 1;
    // the pair of each slot: the counting sort again
    const pairOfSlot = new Int32Array(this.targets.length);
    const next = this.offsets.slice(0, nodeCount);
    for (let i = 0; i < pairs.length; i += 2)
      pairOfSlot[next[pairs[i]]++] = i >> 1;
    const isFirst = new Uint8Array(pairs.length >> 1);
    const seenFrom = new Int32Array(nodeCount).fill(-1);
    for (let node = 0; node < nodeCount; node++) {
      for (
        let slot = this.offsets[node];
        slot < this.offsets[node + 1];
        slot++
      ) {
        const target = this.targets[slot];
        if (seenFrom[target] !== node) {
          seenFrom[target] = node;
          isFirst[pairOfSlot[slot]] = 1;
        }
      }
    }
    return isFirst;
  }

  of(node: number): Int32Array {
    if (node < 0 || node + 1 >= this.offsets.length) return Adjacency.NONE;
    return this.targets.subarray(this.offsets[node], this.offsets[node + 1]);
  }

  /** Calls `visit` with each neighbour of `node`, in order, without allocating a view. */
  forEach(node: number, visit: (target: number) => void): void {
    if (node < 0 || node + 1 >= this.offsets.length) return;
    const end = this.offsets[node + 1];
    for (let i = this.offsets[node]; i < end; i++) visit(this.targets[i]);
  }

  get edgeCount(): number {
    return this.targets.length;
  }
}
