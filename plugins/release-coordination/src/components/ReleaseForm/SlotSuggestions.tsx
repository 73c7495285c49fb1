import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import FormHelperText from '@material-ui/core/FormHelperText';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import EventAvailableIcon from '@material-ui/icons/EventAvailable';
import TrainIcon from '@material-ui/icons/Train';
import Alert from '@material-ui/lab/Alert';
import {
  ReleaseType,
  Slot,
} from '@internal/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { windowDuration } from '../shared/conflictDisplay';
import { errorMessage, formatWindow } from '../shared/format';
import { isoToLocal, localToIso } from './releaseForm';

/** How many windows the form asks the scheduling assistant for. */
export const FORM_SLOT_COUNT = 5;

/** Props of {@link SlotSuggestions}. */
export interface SlotSuggestionsProps {
  entityRefs: string[];
  /** The window as the form holds it (`datetime-local` values). */
  start: string;
  end: string;
  type: ReleaseType;
  /** Asks the assistant without a click, e.g. while the window conflicts. */
  autoSuggest?: boolean;
  /** Called with the chosen window as `datetime-local` values. */
  onChoose: (window: { start: string; end: string }) => void;
}

type Suggestions =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'done'; slots: Array<Slot & { trainName?: string }> };

/** The suggested windows in local time, the chosen one pressed. */
function SuggestedSlotList(props: {
  slots: Array<Slot & { trainName?: string }>;
  start: string;
  end: string;
  onChoose: (window: { start: string; end: string }) => void;
}) {
  const { slots, start, end, onChoose } = props;
  return (
    <List dense aria-label="Suggested slots">
      {slots.map(slot => {
        const window = formatWindow(slot);
        const local = {
          start: isoToLocal(slot.start),
          end: isoToLocal(slot.end),
        };
        const chosen = local.start === start && local.end === end;
        // the list item holds the button: a list may contain only items
        return (
          <li key={`${slot.start}|${slot.trainId ?? ''}`}>
            <ListItem
              button
              component="div"
              selected={chosen}
              aria-pressed={chosen}
              onClick={() => onChoose(local)}
              data-testid="form-suggested-slot"
            >
              {slot.trainName && (
                <ListItemIcon style={{ minWidth: 32 }}>
                  <TrainIcon fontSize="small" />
                </ListItemIcon>
              )}
              <ListItemText
                primary={window}
                secondary={
                  slot.trainName ? `Train slot: ${slot.trainName}` : undefined
                }
              />
            </ListItem>
          </li>
        );
      })}
    </List>
  );
}

/**
 * A "Suggest slots" button asking the scheduling assistant (`GET /slots`) for
 * the next conflict-free windows of the form's window length for its entities
 * and type, from now; lists them in local time (train slots with their train)
 * and fills Start and End with the one chosen. Changing the entities, type or
 * length clears the list, which was for the old values.
 */
export function SlotSuggestions(props: SlotSuggestionsProps) {
  const { entityRefs, start, end, type, onChoose } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [state, setState] = useState<Suggestions>({ status: 'idle' });
  const startIso = localToIso(start);
  const endIso = localToIso(end);
  const validWindow =
    startIso && endIso && Date.parse(endIso) > Date.parse(startIso);
  const duration = validWindow
    ? windowDuration({ start: startIso, end: endIso })
    : undefined;
  let disabledReason: string | undefined;
  if (!entityRefs.length) disabledReason = 'Add an entity to get suggestions.';
  else if (!duration) disabledReason = 'Set a window to get suggestions.';

  const key = JSON.stringify([entityRefs, type, duration]);
  useEffect(() => setState({ status: 'idle' }), [key]);

  const suggest = async () => {
    if (!duration) return;
    setState({ status: 'loading' });
    try {
      const slots = await api.suggestSlots({
        entityRef: entityRefs,
        duration,
        type,
        after: new Date().toISOString(),
        count: FORM_SLOT_COUNT,
      });
      const names = new Map<string, string>();
      if (slots.some(slot => slot.trainId)) {
        const trains = await api.listTrains().catch(() => []);
        trains.forEach(train => names.set(train.id, train.name));
      }
      setState({
        status: 'done',
        slots: slots.map(slot => ({
          ...slot,
          trainName: slot.trainId
            ? names.get(slot.trainId) ?? slot.trainId
            : undefined,
        })),
      });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  };

  const shouldSuggest =
    props.autoSuggest && !disabledReason && state.status === 'idle';
  useEffect(() => {
    if (shouldSuggest) suggest();
  }, [shouldSuggest]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Box>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          startIcon={<EventAvailableIcon />}
          disabled={Boolean(disabledReason) || state.status === 'loading'}
          onClick={suggest}
          aria-describedby={
            disabledReason ? 'release-suggest-slots-help' : undefined
          }
        >
          Suggest slots
        </Button>
        {state.status === 'loading' && (
          <CircularProgress size={18} aria-label="Finding free slots" />
        )}
      </Box>
      {disabledReason && (
        <FormHelperText id="release-suggest-slots-help">
          {disabledReason}
        </FormHelperText>
      )}
      {state.status === 'error' && (
        <Box marginTop={1}>
          <Alert severity="error">
            Slots could not be suggested: {state.message}
          </Alert>
        </Box>
      )}
      {state.status === 'done' && state.slots.length === 0 && (
        <FormHelperText>No free window in the next 90 days.</FormHelperText>
      )}
      {state.status === 'done' && state.slots.length > 0 && (
        <SuggestedSlotList
          slots={state.slots}
          start={start}
          end={end}
          onChoose={onChoose}
        />
      )}
    </Box>
  );
}
