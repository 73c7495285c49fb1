import { Conflict } from '@internal/plugin-release-coordination-common';
import { DetectableRelease, Item } from './model';
import { conflictId, fmt, name, SEVERITY } from './wording';

/** Releases that start before the end of a release they must follow. */
export function orderingConflicts(
  items: Item[],
  byId: Map<string, Item>,
  wanted: (releases: DetectableRelease[]) => boolean,
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const item of items) {
    for (const afterId of item.release.after ?? []) {
      const before = byId.get(afterId);
      if (!before || before === item || item.start >= before.end) continue;
      if (!wanted([item.release, before.release])) continue;
      conflicts.push(describeOrdering(item, before));
    }
  }
  return conflicts;
}

function describeOrdering(item: Item, before: Item): Conflict {
  const { release } = item;
  const releaseIds = [release.id, before.release.id].sort();
  return {
    id: conflictId('ordering', [release.id, before.release.id]),
    kind: 'ordering',
    severity: SEVERITY.ordering,
    releaseIds,
    entityRefs: [
      ...new Set([...release.entityRefs, ...before.release.entityRefs]),
    ].sort(),
    message: `Release ${name(release)} must follow ${name(
      before.release,
    )} but starts at ${fmt(item.start)}, before ${name(
      before.release,
    )} ends at ${fmt(before.end)}.`,
    suggestion: `Move ${name(release)} to start at or after ${fmt(
      before.end,
    )}, or move ${name(before.release)} earlier.`,
  };
}
