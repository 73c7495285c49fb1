import {
  Conflict,
  ConflictKind,
  Release,
} from '@internal/plugin-release-coordination-common';
import { Duration } from 'luxon';

/** The kinds of conflict as words. */
export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  freeze: 'Freeze',
  'same-entity': 'Same entity',
  dependency: 'Dependency',
  'owner-overload': 'Owner overload',
  ordering: 'Ordering',
};

/** The label of a conflict kind, the kind itself for kinds this version does not know. */
export function conflictKindLabel(kind: string): string {
  return CONFLICT_KIND_LABELS[kind as ConflictKind] ?? kind;
}

/** Whether any of the conflicts holds a release back. */
export function hasBlocking(conflicts: Conflict[] | undefined): boolean {
  return Boolean(conflicts?.some(c => c.severity === 'blocking'));
}

/**
 * The length of a release's window as an ISO 8601 duration (e.g. `PT2H`),
 * between the 15 minutes and 90 days the scheduling assistant accepts.
 */
export function windowDuration(window: Release['window']): string {
  const ms = Date.parse(window.end) - Date.parse(window.start);
  const minutes = Math.min(
    90 * 24 * 60,
    Math.max(15, Math.round((Number.isFinite(ms) ? ms : 0) / 60_000)),
  );
  return Duration.fromObject({ minutes }).shiftTo('hours', 'minutes').toISO()!;
}
