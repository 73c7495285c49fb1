import { ReleaseState } from '@internal/plugin-release-coordination-common';
import { stateLabel } from '../shared/format';

/**
 * The colour of a release being rolled back, wherever its state shows: a deep
 * orange with at least 4.5:1 contrast (WCAG AA) as text on the calendar's
 * tinted event backgrounds and behind the white text of the state chip.
 */
export const ROLLING_BACK_COLOR = '#a82f0a';

/**
 * A release's state as words; `rolling back` stands out in its own colour
 * with a ⟲ mark, on the calendar, the timeline and the state chip.
 */
export function StateLabel(props: { state: ReleaseState }) {
  const { state } = props;
  if (state !== 'rolling_back') return <>{stateLabel(state)}</>;
  return (
    <span
      style={{ color: ROLLING_BACK_COLOR, fontWeight: 600 }}
      data-rolling-back
    >
      <span aria-hidden>⟲ </span>
      {stateLabel(state)}
    </span>
  );
}
