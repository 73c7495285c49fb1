import { entityName } from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
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

const utc = (at: number | string) =>
  (typeof at === 'number'
    ? DateTime.fromMillis(at)
    : DateTime.fromISO(at)
  ).setZone('utc');

/**
 * An instant as people read it, in UTC since the reader's zone is not known
 * here: "Sat Dec 12, 09:00 UTC".
 */
export const fmt = (at: number | string) =>
  utc(at).toFormat("ccc LLL d, HH:mm 'UTC'");

/**
 * A period as people read it: "Sat Dec 12, 09:00–11:00 UTC" within a day,
 * "Fri Dec 11, 15:00 – Mon Dec 14, 07:00 UTC" across days.
 */
export const period = (start: number | string, end: number | string) =>
  utc(start).hasSame(utc(end), 'day')
    ? `${utc(start).toFormat('ccc LLL d, HH:mm')}–${utc(end).toFormat(
        "HH:mm 'UTC'",
      )}`
    : `${utc(start).toFormat('ccc LLL d, HH:mm')} – ${fmt(end)}`;

/** A release's title, quoted. */
export const name = (release: DetectableRelease) => `"${release.title}"`;

/** A release's window as a period. */
export const span = (release: DetectableRelease) =>
  period(release.window.start, release.window.end);

/** Entities as people name them, without kind and default namespace. */
export const entities = (refs: Iterable<string>) =>
  [...refs].map(ref => entityName(ref)).join(', ');

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
