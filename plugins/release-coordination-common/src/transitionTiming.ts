import type { Release, ReleaseState } from './types';

/**
 * How many minutes before its window a release may start unless app-config
 * (`releaseCoordination.lifecycle.startLeadMinutes`) says otherwise.
 *
 * @public
 */
export const DEFAULT_START_LEAD_MINUTES = 60;

/**
 * Why a move is refused for its timing: starting (without an override)
 * before the lead time ahead of the window or after the window ended, or
 * being released or verified before the window started. Times are epoch
 * milliseconds.
 *
 * @public
 */
export type TransitionTimingRefusal =
  | { kind: 'start-too-early'; earliest: number; leadMinutes: number }
  | { kind: 'window-ended'; end: number }
  | { kind: 'before-window'; to: 'released' | 'verified'; start: number };

/**
 * The timing rule of the lifecycle: a release starts near its window (from
 * `startLeadMs` before it until it ends) unless overridden, and is released
 * or verified only once its window started. Undefined when the move is on
 * time.
 *
 * @public
 */
export function transitionTimingRefusal(
  release: Pick<Release, 'window'>,
  move: { to: ReleaseState; override?: unknown },
  now: number,
  startLeadMs: number,
): TransitionTimingRefusal | undefined {
  const start = Date.parse(release.window.start);
  const end = Date.parse(release.window.end);
  if (move.to === 'in_progress' && !move.override) {
    if (now < start - startLeadMs) {
      return {
        kind: 'start-too-early',
        earliest: start - startLeadMs,
        leadMinutes: Math.round(startLeadMs / 60_000),
      };
    }
    if (now > end) return { kind: 'window-ended', end };
  }
  if ((move.to === 'released' || move.to === 'verified') && now < start) {
    return { kind: 'before-window', to: move.to, start };
  }
  return undefined;
}
