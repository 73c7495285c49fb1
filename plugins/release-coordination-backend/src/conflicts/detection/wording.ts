import { createHash } from 'node:crypto';
import { Accumulator, DetectableRelease } from './model';

/** How much each kind of conflict stands in the way of a release. */
export const SEVERITY = {
  freeze: 'blocking',
  'same-entity': 'blocking',
  dependency: 'warning',
  'owner-overload': 'warning',
  ordering: 'blocking',
} as const;

/** An instant in ISO form, whole seconds without milliseconds. */
export const fmt = (ms: number | string) =>
  new Date(ms).toISOString().replace('.000Z', 'Z');

/** A release's title, quoted. */
export const name = (release: DetectableRelease) => `"${release.title}"`;

/** A release's window, "start to end". */
export const span = (release: DetectableRelease) =>
  `${fmt(release.window.start)} to ${fmt(release.window.end)}`;

/** A stable id of a conflict from its kind and what it is about. */
export const conflictId = (kind: string, parts: string[]) =>
  createHash('sha256')
    .update([kind, ...parts].join('\n'))
    .digest('hex')
    .slice(0, 20);

/** What every described conflict of a release pair or a freeze starts with. */
export function conflictBase(acc: Accumulator) {
  return {
    kind: acc.kind,
    severity: SEVERITY[acc.kind],
    releaseIds: acc.releases.map(r => r.id).sort(),
    entityRefs: [...acc.entityRefs].sort(),
  };
}
