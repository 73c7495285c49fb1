import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import FormHelperText from '@material-ui/core/FormHelperText';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { scopeText } from '../ReleaseCalendar/scheduleModel';
import { formatWindow } from '../shared/format';
import { WindowCheck, WindowFreeze } from './useWindowCheck';

/** A window in a zone, e.g. `Fri 16:00 – Mon 08:00 Europe/Berlin`. */
function windowIn(window: { start: string; end: string }, zone: string) {
  const start = DateTime.fromISO(window.start, { zone });
  const end = DateTime.fromISO(window.end, { zone });
  return `${start.toFormat('ccc LLL d, HH:mm')} – ${end.toFormat(
    start.hasSame(end, 'day') ? 'HH:mm' : 'ccc LLL d, HH:mm',
  )} ${zone}`;
}

/**
 * A freeze the window falls into, in the user's time zone, and in the
 * freeze's own zone where that differs.
 */
function freezeLine({ occurrence, zone }: WindowFreeze, userZone: string) {
  const own =
    zone && zone !== userZone ? ` (${windowIn(occurrence, zone)})` : '';
  return `Inside ${occurrence.title} (${scopeText(
    occurrence.scope,
  )}): ${windowIn(occurrence, userZone)}${own}`;
}

/**
 * What the live check of a release form's window found: free, or the
 * freezes and overlapping releases of the same entities that block it, every
 * time with its zone.
 */
export function WindowCheckNotice(props: { check: WindowCheck }) {
  const { check } = props;
  const userZone = DateTime.local().zoneName;
  let content;
  if (check.status === 'idle') {
    content = <FormHelperText>{check.reason}</FormHelperText>;
  } else if (check.status === 'checking') {
    content = (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <CircularProgress size={16} aria-label="Checking the window" />
        <FormHelperText>Checking freezes and other releases…</FormHelperText>
      </Box>
    );
  } else if (check.status === 'error') {
    content = (
      <Alert severity="warning" role="status">
        The window could not be checked: {check.message}
      </Alert>
    );
  } else if (check.status === 'free') {
    content = (
      <Alert severity="success" role="status">
        The window is free: no freeze and no other release of these entities.
      </Alert>
    );
  } else {
    content = (
      <Alert severity="warning" role="status">
        <div>This window conflicts; a free slot is suggested below.</div>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {check.freezes.map(freeze => (
            <li
              key={`${freeze.occurrence.freezeId}|${freeze.occurrence.start}`}
            >
              {freezeLine(freeze, userZone)}
            </li>
          ))}
          {check.releases.map(release => (
            <li key={release.id}>
              Overlaps {release.title} {release.version}:{' '}
              {formatWindow(release.window)} {userZone}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  return (
    <div
      data-testid="window-check"
      data-status={check.status}
      aria-live="polite"
    >
      {content}
    </div>
  );
}
