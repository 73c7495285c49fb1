import {
  entityName,
  instantText,
  periodText,
} from '@internal/plugin-release-coordination-common';
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

/** A release's title, quoted. */
export const name = (release: DetectableRelease) => `"${release.title}"`;

/** An instant in words, in UTC. */
export const fmt = instantText;

/** A period in words, in UTC. */
export const period = periodText;

/** A release's window as a period. */
export const span = (release: DetectableRelease) =>
  periodText(release.window.start, release.window.end);

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
