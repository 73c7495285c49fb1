import { alpha } from '@material-ui/core/styles';

/** The colour that marks freezes in the calendar, the timeline and the legend. */
export const FREEZE_TINT = '#1e88e5';

/** The hatched shading of frozen time (a calendar day, a timeline band). */
export const freezeShading = {
  backgroundColor: alpha(FREEZE_TINT, 0.1),
  backgroundImage: `repeating-linear-gradient(45deg, transparent, transparent 8px, ${alpha(
    FREEZE_TINT,
    0.08,
  )} 8px, ${alpha(FREEZE_TINT, 0.08)} 16px)`,
};
