import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Release, Slot } from '@internal/plugin-release-coordination-common';
import { useId } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { windowDuration } from '../shared/conflictDisplay';
import { DisabledReason } from '../shared/DisabledReason';
import { errorMessage, formatWindow } from '../shared/format';

/** How many windows the assistant is asked for. */
export const SUGGESTED_SLOT_COUNT = 5;

/** Props of {@link SuggestedSlots}. */
export interface SuggestedSlotsProps {
  release: Release;
  /** Why the user may not move the release; the buttons are disabled then. */
  disabledReason?: string;
  busy: boolean;
  onMove: (slot: Slot) => void;
}

/**
 * The next conflict-free windows of the release's length for its entities
 * (train slots when they ride a train), each with a "Move here" button;
 * when the user may not move the release, why, once above them.
 */
export function SuggestedSlots(props: SuggestedSlotsProps) {
  const { release, disabledReason, busy, onMove } = props;
  const api = useApi(releaseCoordinationApiRef);
  const reasonId = useId();
  const duration = windowDuration(release.window);
  const key = `${release.entityRefs.join(',')}|${duration}|${release.type}|${
    release.revision
  }`;
  const slots = useAsync(
    () =>
      api.suggestSlots({
        entityRef: release.entityRefs,
        duration,
        type: release.type,
        count: SUGGESTED_SLOT_COUNT,
      }),
    [api, key],
  );

  let body;
  if (slots.loading) body = <Progress />;
  else if (slots.error) {
    body = (
      <Alert severity="warning">
        Slots could not be suggested: {errorMessage(slots.error)}
      </Alert>
    );
  } else if (!slots.value?.length) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No free window in the next 90 days.
      </Typography>
    );
  } else {
    body = (
      <>
        {disabledReason && (
          <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>
        )}
        <List dense disablePadding aria-label="Suggested slots">
          {slots.value.map(slot => (
            <ListItem
              key={`${slot.start}|${slot.trainId ?? ''}`}
              disableGutters
              data-testid="suggested-slot"
            >
              <ListItemText
                primary={formatWindow(slot)}
                secondary={slot.trainId ? 'Release train slot' : undefined}
              />
              <Button
                size="small"
                variant="outlined"
                color="primary"
                disabled={Boolean(disabledReason) || busy}
                onClick={() => onMove(slot)}
                aria-label={`Move here: ${formatWindow(slot)}`}
                aria-describedby={disabledReason ? reasonId : undefined}
              >
                Move here
              </Button>
            </ListItem>
          ))}
        </List>
      </>
    );
  }
  return (
    <Box marginTop={2}>
      <Typography variant="subtitle1" component="h3">
        Suggested slots
      </Typography>
      {body}
    </Box>
  );
}
