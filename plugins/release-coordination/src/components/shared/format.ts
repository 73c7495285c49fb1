import { ResponseError } from '@backstage/errors';
import {
  ReleaseState,
  entityName,
  inTimeZone,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';

/** A lifecycle state as words: `in_progress` → `in progress`. */
export function stateLabel(state: ReleaseState | string): string {
  return state.replace(/_/g, ' ');
}

/** The label of the button moving a release to `state`. */
export function transitionLabel(state: ReleaseState): string {
  return state === 'cancelled'
    ? 'Cancel release'
    : `Move to ${stateLabel(state)}`;
}

/** A timestamp in the user's local time, e.g. `Dec 1, 2026, 10:00 AM`. */
export function formatTimestamp(iso: string): string {
  const dt = DateTime.fromISO(iso);
  return dt.isValid ? dt.toLocaleString(DateTime.DATETIME_MED) : iso;
}

/** A calendar date (`2026-12-20`) in the user's words, e.g. `Dec 20, 2026`. */
export function formatDate(isoDate: string): string {
  const dt = DateTime.fromISO(isoDate);
  return dt.isValid ? dt.toLocaleString(DateTime.DATE_MED) : isoDate;
}

const ENTITY_REF =
  /\b(?:component|api|resource|system|domain|group|user|template|location):[\w.-]+\/[\w.-]+/gi;
const ISO_TIMESTAMP =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * The times a server's text words in UTC ("Sat Dec 12, 09:00–11:00 UTC") in
 * the user's zone.
 */
function inUserZone(text: string): string {
  return inTimeZone(text, DateTime.local().zoneName);
}

/**
 * Text written by the server (conflicts, readiness facts, blocking reasons)
 * as people read it: entity refs as names (`group:default/sre` → `sre`,
 * other namespaces kept), ISO timestamps in the user's local time, and the
 * times the server words in UTC in the user's zone.
 */
export function readableText(text: string): string {
  return inUserZone(
    text
      .replace(ENTITY_REF, ref => entityName(ref))
      .replace(ISO_TIMESTAMP, formatTimestamp),
  );
}

/** A window in local time, leaving out the end date when it is the start date. */
export function formatWindow(window: { start: string; end: string }): string {
  const start = DateTime.fromISO(window.start);
  const end = DateTime.fromISO(window.end);
  if (!start.isValid || !end.isValid) {
    return `${window.start} – ${window.end}`;
  }
  const endText = start.hasSame(end, 'day')
    ? end.toLocaleString(DateTime.TIME_SIMPLE)
    : end.toLocaleString(DateTime.DATETIME_MED);
  return `${start.toLocaleString(DateTime.DATETIME_MED)} – ${endText}`;
}

/**
 * The message to show for a failed call: the server's own message when there
 * is one (its times in the user's zone; refs as the user typed them).
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return inUserZone(error.cause?.message || error.message);
  }
  return error instanceof Error ? error.message : String(error);
}
