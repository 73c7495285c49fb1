import { useApi } from '@backstage/core-plugin-api';
import { Dispatch, MutableRefObject, SetStateAction, useEffect } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { windowDuration } from '../shared/conflictDisplay';
import { isoToLocal, localToIso, ReleaseFormState } from './releaseForm';

/** The window a form proposed, as `datetime-local` values. */
export type ProposedWindow = MutableRefObject<
  { start: string; end: string } | undefined
>;

/** Records the window a new form proposes, and returns the form. */
export function proposeWindow(
  proposed: ProposedWindow,
  form: ReleaseFormState,
): ReleaseFormState {
  proposed.current = { start: form.start, end: form.end };
  return form;
}

/**
 * Keeps the proposed window of a new release free: while the user has not
 * changed it (it is still `proposed`), it moves to the scheduling
 * assistant's first free slot from the proposed start for the form's
 * entities and type (same length, or the train slot the entities ride).
 * Asks nothing while the dialog is closed.
 */
export function useFreeDefaultWindow(
  proposed: ProposedWindow,
  form: ReleaseFormState,
  setForm: Dispatch<SetStateAction<ReleaseFormState>>,
  open: boolean,
) {
  const api = useApi(releaseCoordinationApiRef);
  const untouched =
    open &&
    proposed.current !== undefined &&
    proposed.current.start === form.start &&
    proposed.current.end === form.end;
  const key = untouched
    ? JSON.stringify([form.entityRefs, form.type, form.start, form.end])
    : undefined;

  useEffect(() => {
    if (!key) return undefined;
    const [entityRef, type, start, end] = JSON.parse(key);
    const startIso = localToIso(start);
    const endIso = localToIso(end);
    if (!entityRef.length || !startIso || !endIso) return undefined;
    let cancelled = false;
    api
      .suggestSlots({
        entityRef,
        type,
        duration: windowDuration({ start: startIso, end: endIso }),
        after: startIso,
        count: 1,
      })
      .then(
        ([slot]) => {
          if (cancelled || !slot) return;
          const free = {
            start: isoToLocal(slot.start),
            end: isoToLocal(slot.end),
          };
          if (free.start === start && free.end === end) return;
          proposed.current = free;
          setForm(previous =>
            previous.start === start && previous.end === end
              ? { ...previous, ...free }
              : previous,
          );
        },
        () => undefined, // the live check says what is wrong with the window
      );
    return () => {
      cancelled = true;
    };
  }, [api, key, setForm, proposed]);
}
