import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import TrainIcon from '@material-ui/icons/Train';
import Alert from '@material-ui/lab/Alert';
import {
  ACTIVE_RELEASE_STATES,
  Release,
  Train,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ExplainedControl } from '../shared/DisabledReason';
import { errorMessage, formatWindow } from '../shared/format';
import { useOwnsRelease } from '../shared/useOwnsRelease';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The trains whose scope covers every entity of the release: named directly,
 * or (through the catalog, when installed) part of a system in scope.
 */
function useTrainsFor(release: Release) {
  const api = useApi(releaseCoordinationApiRef);
  const catalogApi = useApiHolder().get(catalogApiRef);
  const key = release.entityRefs.join(',');
  return useAsync(async (): Promise<Train[]> => {
    const trains = await api.listTrains().catch(() => []);
    if (trains.length === 0) return [];
    const systems = new Map<string, string>();
    if (catalogApi) {
      const { items } = await catalogApi
        .getEntitiesByRefs({
          entityRefs: release.entityRefs,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.system',
          ],
        })
        .catch(() => ({ items: [] }));
      items.forEach((entity, index) => {
        const system = entity?.spec?.system;
        if (typeof system === 'string' && system) {
          systems.set(
            lower(release.entityRefs[index]),
            lower(
              stringifyEntityRef(
                parseEntityRef(system, {
                  defaultKind: 'system',
                  defaultNamespace: entity!.metadata.namespace ?? 'default',
                }),
              ),
            ),
          );
        }
      });
    }
    return trains.filter(train => {
      const entities = new Set(train.scope.entities.map(lower));
      const inSystems = new Set(train.scope.systems.map(lower));
      return release.entityRefs.map(lower).every(ref => {
        if (entities.has(ref) || inSystems.has(ref)) return true;
        const system = systems.get(ref);
        return Boolean(system && inSystems.has(system));
      });
    });
  }, [api, catalogApi, key]);
}

function SlotPicker(props: {
  trains: Train[];
  value?: string;
  onChange: (value: string) => void;
}) {
  const api = useApi(releaseCoordinationApiRef);
  const slots = useAsync(
    async () =>
      (
        await Promise.all(
          props.trains.map(train =>
            api
              .listTrainSlots(train.id, { count: 10 })
              .then(items =>
                items.filter(s => s.bookable).map(slot => ({ slot, train })),
              ),
          ),
        )
      ).flat(),
    [api, props.trains],
  );
  if (slots.loading) return <Progress />;
  if (slots.error) {
    return <Alert severity="error">{errorMessage(slots.error)}</Alert>;
  }
  if (!slots.value?.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No bookable slots: every upcoming slot is past its cut-off.
      </Typography>
    );
  }
  return (
    <RadioGroup
      aria-label="Train slot"
      value={props.value ?? ''}
      onChange={event => props.onChange(event.target.value)}
    >
      {slots.value.map(({ slot, train }) => (
        <FormControlLabel
          key={`${train.id}|${slot.start}`}
          value={JSON.stringify([train.id, slot.start])}
          control={<Radio />}
          label={`${train.name}: ${formatWindow(slot)}${
            slot.releaseIds.length ? ` (${slot.releaseIds.length} booked)` : ''
          }`}
        />
      ))}
    </RadioGroup>
  );
}

/** Props of {@link BookOnTrain}. */
export interface BookOnTrainProps {
  release: Release;
  /** Called after the release was booked (and so moved). */
  onBooked: () => void;
  /**
   * The id of words the caller shows saying why the user may not book (once
   * for a row of buttons); without it the reason shows beside the button.
   */
  reasonId?: string;
}

/**
 * A "Book on a train" button, shown for active releases whose entities all
 * ride a release train: pick a bookable slot and the release moves there.
 * Only members of the owning group may book; others see why.
 */
export function BookOnTrain(props: BookOnTrainProps) {
  const { release, onBooked } = props;
  const api = useApi(releaseCoordinationApiRef);
  const trains = useTrainsFor(release);
  const rights = useOwnsRelease(release, 'book it');
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (!ACTIVE_RELEASE_STATES.includes(release.state) || !trains.value?.length) {
    return null;
  }

  const book = async () => {
    if (!choice) return;
    const [trainId, slotStart] = JSON.parse(choice) as [string, string];
    setBusy(true);
    setError(undefined);
    try {
      await api.bookTrainSlot(release.id, { trainId, slotStart });
      setOpen(false);
      onBooked();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ExplainedControl reason={rights.reason} reasonId={props.reasonId}>
        {describedBy => (
          <Button
            variant="outlined"
            color="primary"
            startIcon={<TrainIcon />}
            disabled={Boolean(rights.reason)}
            aria-describedby={describedBy}
            onClick={() => {
              setChoice(undefined);
              setError(undefined);
              setOpen(true);
            }}
          >
            Book on a train
          </Button>
        )}
      </ExplainedControl>
      <Dialog
        open={open}
        onClose={busy ? undefined : () => setOpen(false)}
        aria-labelledby="book-on-train-title"
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle id="book-on-train-title">Book on a train</DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            Booking moves the release's window to the slot.
          </Typography>
          {error && (
            <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
              {error}
            </Alert>
          )}
          <SlotPicker
            trains={trains.value}
            value={choice}
            onChange={setChoice}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            disabled={!choice || busy}
            onClick={book}
          >
            Book
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
