import { ReleaseState } from '@internal/plugin-release-coordination-common';
import { useTheme } from '@material-ui/core/styles';
import { stateLabel } from '../shared/format';

/**
 * The colour of a release being rolled back, wherever its state shows: a deep
 * orange with at least 4.5:1 contrast (WCAG AA) as text on the calendar's
 * tinted event backgrounds and behind the white text of the state chip.
 */
export const ROLLING_BACK_COLOR = '#a82f0a';

/**
 * The same as text in the dark theme: a light deep orange with at least 5:1
 * on the dark backgrounds (the light theme's colour gave 1.4:1 there).
 */
const ROLLING_BACK_TEXT_DARK = '#ffab91';

/**
 * A release's state as words; `rolling back` stands out in its own colour
 * with a ⟲ mark, on the calendar, the timeline and the state chip.
 */
export function StateLabel(props: { state: ReleaseState }) {
  const { state } = props;
  const dark = useTheme().palette.type === 'dark';
  if (state !== 'rolling_back') return <>{stateLabel(state)}</>;
  return (
    <span
      style={{
        color: dark ? ROLLING_BACK_TEXT_DARK : ROLLING_BACK_COLOR,
        fontWeight: 600,
      }}
      data-rolling-back
    >
      <span aria-hidden>⟲ </span>
      {stateLabel(state)}
    </span>
  );
}
