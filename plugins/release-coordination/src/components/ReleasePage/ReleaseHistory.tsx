import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import {
  ReleaseEvent,
  ReleaseFieldChange,
} from '@internal/plugin-release-coordination-common';
import { formatTimestamp, readableText, stateLabel } from '../shared/format';

const useStyles = makeStyles(theme => ({
  timeline: { padding: 0, margin: 0 },
  // No opposite content: keep the dots at the left edge.
  item: { '&:before': { display: 'none' } },
  changes: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2) },
}));

/** A field name in words: `freezeOverride` → `freeze override`. */
function fieldLabel(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLocaleLowerCase('en-US');
}

/** A changed value in words: names for entity refs, local times, no JSON. */
function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'state' && typeof value === 'string') return stateLabel(value);
  if (typeof value === 'string') return readableText(value);
  if (Array.isArray(value)) {
    return value.map(item => formatValue(field, item)).join(', ') || '—';
  }
  if (typeof value === 'object') {
    if (field === 'window' && 'start' in value && 'end' in value) {
      const w = value as { start: string; end: string };
      return `${formatTimestamp(w.start)} – ${formatTimestamp(w.end)}`;
    }
    return Object.entries(value)
      .map(([key, item]) => `${fieldLabel(key)}: ${formatValue(key, item)}`)
      .join(', ');
  }
  return String(value);
}

function describeAction(event: ReleaseEvent): string {
  switch (event.action) {
    case 'created':
      return 'created the release';
    case 'transitioned': {
      const state = event.changes.find(c => c.field === 'state');
      return state
        ? `moved it to ${formatValue('state', state.after)}`
        : 'changed its state';
    }
    default:
      return 'updated the release';
  }
}

function FieldChange(props: { change: ReleaseFieldChange }) {
  const { field, before, after } = props.change;
  return (
    <li>
      <Typography variant="body2" component="span">
        <strong>{fieldLabel(field)}</strong>: {formatValue(field, before)} →{' '}
        {formatValue(field, after)}
      </Typography>
    </li>
  );
}

/** The history of a release as a timeline, oldest first. */
export function ReleaseHistory(props: { events: ReleaseEvent[] }) {
  const classes = useStyles();
  if (props.events.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet.
      </Typography>
    );
  }
  return (
    <Timeline className={classes.timeline} aria-label="History">
      {props.events.map((event, index) => (
        <TimelineItem key={event.id} className={classes.item}>
          <TimelineSeparator>
            <TimelineDot
              color={event.action === 'transitioned' ? 'primary' : 'grey'}
            />
            {index < props.events.length - 1 && <TimelineConnector />}
          </TimelineSeparator>
          <TimelineContent>
            <Typography variant="body2">
              <EntityRefLink entityRef={event.actorRef} defaultKind="user" />{' '}
              {describeAction(event)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {formatTimestamp(event.createdAt)}
            </Typography>
            {event.action !== 'created' && event.changes.length > 0 && (
              <ul className={classes.changes}>
                {event.changes.map(change => (
                  <FieldChange key={change.field} change={change} />
                ))}
              </ul>
            )}
            {event.reason && (
              <Typography variant="body2">Reason: {event.reason}</Typography>
            )}
          </TimelineContent>
        </TimelineItem>
      ))}
    </Timeline>
  );
}
