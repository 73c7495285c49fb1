import { ResponseError } from '@backstage/errors';
import { ReleaseState } from '@internal/plugin-release-coordination-common';
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

/** The message to show for a failed call: the server's own message when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.cause?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
