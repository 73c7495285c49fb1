import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import {
  Train,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage, formatTimestamp, formatWindow } from '../shared/format';
import { useReleaseLink } from '../shared/useReleaseLink';
import { useReleaseTitles } from '../shared/useReleaseTitles';
import { describeCadence, describeDuration } from './trainText';

/** Days of history the statistics cover. */
export const TRAIN_STATS_DAYS = 90;
/** Upcoming slots shown per train. */
export const TRAIN_SLOT_COUNT = 10;

/** The systems and entities a train serves. */
const scopeRefs = (train: Train) => [
  ...train.scope.systems,
  ...train.scope.entities,
];

function TrainDetails(props: { train: Train; now: DateTime }) {
  const { train, now } = props;
  const api = useApi(releaseCoordinationApiRef);
  const releaseLink = useReleaseLink();
  const nowIso = now.toUTC().toISO()!;
  const slots = useAsync(
    () =>
      api.listTrainSlots(train.id, { from: nowIso, count: TRAIN_SLOT_COUNT }),
    [api, train.id, nowIso],
  );
  const stats = useAsync(
    () =>
      api.getTrainStats(train.id, {
        from: now.minus({ days: TRAIN_STATS_DAYS }).toUTC().toISO()!,
        to: nowIso,
      }),
    [api, train.id, nowIso],
  );
  const titles = useReleaseTitles(
    (slots.value ?? []).flatMap(s => s.releaseIds),
  );

  return (
    <Box width="100%">
      <Typography variant="body2" component="div" paragraph>
        Scope:{' '}
        {scopeRefs(train).map((ref, index) => (
          <span key={ref}>
            {index > 0 && ', '}
            <EntityRefLink entityRef={ref} />
          </span>
        ))}
      </Typography>
      {train.description && (
        <Typography variant="body2" paragraph>
          {train.description}
        </Typography>
      )}
      <Typography variant="subtitle2" component="h3">
        Last {TRAIN_STATS_DAYS} days
      </Typography>
      {stats.loading && <Progress />}
      {stats.error && (
        <Alert severity="warning">
          Statistics could not be loaded: {errorMessage(stats.error)}
        </Alert>
      )}
      {stats.value && (
        <Box
          display="flex"
          style={{ gap: 8 }}
          marginBottom={2}
          data-testid="train-stats"
        >
          <Chip size="small" label={`${stats.value.rode} rode`} />
          <Chip size="small" label={`${stats.value.slipped} slipped`} />
          <Chip size="small" label={`${stats.value.outOfBand} out of band`} />
        </Box>
      )}
      <Typography variant="subtitle2" component="h3">
        Next slots
      </Typography>
      {slots.loading && <Progress />}
      {slots.error && <ResponseErrorPanel error={slots.error} />}
      {slots.value && slots.value.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No upcoming slots.
        </Typography>
      )}
      {slots.value && slots.value.length > 0 && (
        <Table size="small" aria-label={`Next slots of ${train.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Slot</TableCell>
              <TableCell>Cut-off</TableCell>
              <TableCell>Bookings</TableCell>
              <TableCell>Releases</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {slots.value.map(slot => (
              <TableRow key={slot.start} data-testid="train-slot">
                <TableCell>{formatWindow(slot)}</TableCell>
                <TableCell>{formatTimestamp(slot.cutoffAt)}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={slot.bookable ? 'primary' : 'default'}
                    label={slot.bookable ? 'Bookable' : 'Cut-off passed'}
                  />
                </TableCell>
                <TableCell>
                  {slot.releaseIds.length === 0
                    ? '—'
                    : slot.releaseIds.map((id, index) => (
                        <span key={id}>
                          {index > 0 && ', '}
                          {releaseLink ? (
                            <Link to={releaseLink(id)}>{titles[id] ?? id}</Link>
                          ) : (
                            titles[id] ?? id
                          )}
                        </span>
                      ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/** Props of {@link TrainsTab}. */
export interface TrainsTabProps {
  now?: Date | string | number;
}

/**
 * The release trains: name, cadence in words with its zone, slot length,
 * cut-off and scope; each expands to its next slots (bookable or past the
 * cut-off, with the releases booked) and how many releases rode it, slipped
 * or went out of band in the last 90 days.
 */
export function TrainsTab(props: TrainsTabProps) {
  const api = useApi(releaseCoordinationApiRef);
  const now = useMemo(
    () =>
      props.now === undefined
        ? DateTime.local()
        : DateTime.fromJSDate(new Date(props.now)),
    [props.now],
  );
  const trains = useAsync(() => api.listTrains(), [api]);

  if (trains.loading) return <Progress />;
  if (trains.error) return <ResponseErrorPanel error={trains.error} />;
  if (!trains.value?.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No release trains.
      </Typography>
    );
  }
  return (
    <Box>
      {trains.value.map(train => (
        <Accordion
          key={train.id}
          TransitionProps={{ unmountOnExit: true }}
          data-testid="train"
        >
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls={`train-${train.id}-details`}
            id={`train-${train.id}-summary`}
          >
            <Box>
              <Typography variant="h6" component="h2">
                {train.name}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {describeCadence(train)} · slots of{' '}
                {describeDuration(train.slotDuration)} · cut-off{' '}
                {describeDuration(train.cutoff)} before
              </Typography>
              <Typography variant="body2">
                Scope: {scopeRefs(train).map(entityName).join(', ')}
              </Typography>
            </Box>
          </AccordionSummary>
          <AccordionDetails id={`train-${train.id}-details`}>
            <TrainDetails train={train} now={now} />
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}
