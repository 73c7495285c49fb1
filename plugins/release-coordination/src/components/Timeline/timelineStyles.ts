import { alpha, makeStyles } from '@material-ui/core/styles';
import { GROUP_HEIGHT, ROW_HEIGHT } from './timelineModel';

const LABEL_WIDTH = 220;
const FREEZE_TINT = '#1e88e5';

/** The styles of the release timeline and its chart. */
export const useTimelineStyles = makeStyles(theme => ({
  frame: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    overflowX: 'auto',
  },
  inner: { minWidth: 760 },
  axis: {
    display: 'grid',
    gridTemplateColumns: `${LABEL_WIDTH}px 1fr`,
    borderBottom: `1px solid ${theme.palette.divider}`,
    height: 28,
  },
  axisScale: { position: 'relative' },
  tickLabel: {
    position: 'absolute',
    top: 4,
    paddingLeft: 4,
    whiteSpace: 'nowrap',
    color: theme.palette.text.secondary,
    borderLeft: `1px solid ${theme.palette.divider}`,
  },
  body: { position: 'relative' },
  layer: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: LABEL_WIDTH,
    right: 0,
    pointerEvents: 'none',
  },
  weekLine: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `1px dashed ${theme.palette.divider}`,
  },
  freeze: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    backgroundColor: alpha(FREEZE_TINT, 0.1),
    backgroundImage: `repeating-linear-gradient(45deg, transparent, transparent 8px, ${alpha(
      FREEZE_TINT,
      0.08,
    )} 8px, ${alpha(FREEZE_TINT, 0.08)} 16px)`,
  },
  trainTick: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 0,
    borderLeft: `2px dotted ${theme.palette.secondary.main}`,
    pointerEvents: 'auto',
  },
  today: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `2px solid ${theme.palette.primary.main}`,
  },
  group: {
    height: GROUP_HEIGHT,
    display: 'flex',
    alignItems: 'center',
    paddingLeft: theme.spacing(1),
    fontWeight: 600,
    background: alpha(theme.palette.text.primary, 0.04),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: `${LABEL_WIDTH}px 1fr`,
    height: ROW_HEIGHT,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  rowLabel: {
    paddingLeft: theme.spacing(2),
    alignSelf: 'center',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  track: { position: 'relative' },
  bar: {
    position: 'absolute',
    top: 5,
    height: ROW_HEIGHT - 10,
    minWidth: 6,
    borderRadius: 4,
    color: '#fff',
    fontSize: theme.typography.caption.fontSize,
    lineHeight: `${ROW_HEIGHT - 10}px`,
    padding: theme.spacing(0, 0.75),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    cursor: 'pointer',
    zIndex: 1,
    boxSizing: 'border-box',
    '&:focus': {
      outline: `3px solid ${theme.palette.primary.dark}`,
      outlineOffset: 1,
    },
  },
  cancelled: { textDecoration: 'line-through', opacity: 0.6 },
  connectors: {
    position: 'absolute',
    top: 0,
    left: LABEL_WIDTH,
    width: `calc(100% - ${LABEL_WIDTH}px)`,
    pointerEvents: 'none',
    overflow: 'visible',
    zIndex: 2,
  },
}));
