import { makeStyles } from '@material-ui/core/styles';
import { ROW_HEIGHT } from './timelineModel';
import { freezeShading } from '../shared/freezeStyles';

const LABEL_WIDTH = 220;
/** The least width of a release's bar, in pixels, however short the release: its side padding. */
export const BAR_MIN_WIDTH = 12;
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
    ...freezeShading,
  },
  trainTick: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 0,
    borderLeft: `2px dotted ${theme.palette.secondary.main}`,
    pointerEvents: 'auto',
  },
  notBookable: {
    borderLeftStyle: 'solid',
    borderLeftColor: theme.palette.text.secondary,
  },
  today: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `2px solid ${theme.palette.primary.main}`,
  },
  row: {
    display: 'grid',
    gridTemplateColumns: `${LABEL_WIDTH}px 1fr`,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  rowLabel: {
    paddingLeft: theme.spacing(1),
    paddingTop: theme.spacing(1),
    fontWeight: 500,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  track: { position: 'relative' },
  bar: {
    position: 'absolute',
    height: ROW_HEIGHT - 10,
    minWidth: BAR_MIN_WIDTH,
    borderRadius: 4,
    color: '#fff',
    fontSize: theme.typography.caption.fontSize,
    lineHeight: `${ROW_HEIGHT - 10}px`,
    padding: `0 ${BAR_MIN_WIDTH / 2}px`,
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
  sideLabel: {
    position: 'absolute',
    height: ROW_HEIGHT,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    paddingLeft: theme.spacing(0.5),
    whiteSpace: 'nowrap',
    zIndex: 1,
  },
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
