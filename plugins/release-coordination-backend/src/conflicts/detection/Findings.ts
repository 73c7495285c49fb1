import {
  ConflictKind,
  Conflict,
} from '@internal/plugin-release-coordination-common';
import { describeDependency } from './dependencyConflicts';
import { describeFreeze } from './freezeConflicts';
import { Accumulator, DetectableRelease } from './model';
import { describeSameEntity } from './sameEntityConflicts';

/** The conflicts found so far between releases, or a release and a freeze, one per key. */
export class Findings {
  private readonly found = new Map<string, Accumulator>();

  constructor(
    /** Whether a conflict among these releases is wanted. */
    readonly wanted: (releases: DetectableRelease[]) => boolean,
  ) {}

  /** Records a conflict, or adds the entities to the one under `key`; undefined when it is not wanted. */
  record(
    key: string,
    kind: ConflictKind,
    releases: DetectableRelease[],
    entityRefs: string[],
    detail: string,
  ): Accumulator | undefined {
    if (!this.wanted(releases)) return undefined;
    const existing = this.found.get(key);
    if (existing) {
      entityRefs.forEach(ref => existing.entityRefs.add(ref));
      return existing;
    }
    const created: Accumulator = {
      kind,
      releases,
      entityRefs: new Set(entityRefs),
      detail,
    };
    this.found.set(key, created);
    return created;
  }

  /** The conflicts found, described. */
  conflicts(): Conflict[] {
    return [...this.found.values()].map(acc => {
      if (acc.kind === 'freeze') return describeFreeze(acc);
      if (acc.kind === 'same-entity') return describeSameEntity(acc);
      return describeDependency(acc);
    });
  }
}

/** The key of a conflict of a kind between two releases, whichever comes first. */
export const pairKey = (
  kind: string,
  a: DetectableRelease,
  b: DetectableRelease,
) => (a.id < b.id ? `${kind}|${a.id}|${b.id}` : `${kind}|${b.id}|${a.id}`);
