import { Conflict } from '@internal/plugin-release-coordination-common';
import { Findings, pairKey } from './Findings';
import { Accumulator, Item, ordered } from './model';
import { conflictBase, conflictId, entities, fmt, name, span } from './wording';

/** A starting release and the open ones that change the same entity `ref`. */
export function recordSameEntity(
  findings: Findings,
  item: Item,
  ref: string,
  byEntity: Map<string, Set<Item>>,
) {
  for (const other of byEntity.get(ref) ?? []) {
    if (other === item) continue;
    findings.record(
      pairKey('same-entity', item.release, other.release),
      'same-entity',
      ordered(item, other),
      [ref],
      '',
    );
  }
}

/** Two releases changing the same entities at once. */
export function describeSameEntity(acc: Accumulator): Conflict {
  const base = conflictBase(acc);
  const [a, b] = acc.releases;
  return {
    ...base,
    id: conflictId('same-entity', base.releaseIds),
    message: `Releases ${name(a)} (${span(a)}) and ${name(b)} (${span(
      b,
    )}) both change ${entities(base.entityRefs)} at the same time.`,
    suggestion: `Move ${name(b)} to start at or after ${fmt(
      a.window.end,
    )}, or merge the two releases into one.`,
  };
}
