import { useApi } from '@backstage/core-plugin-api';
import {
  ACTIVE_RELEASE_STATES,
  FreezeOccurrence,
  Release,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage } from '../shared/format';
import { localToIso } from './releaseForm';

/** How long the window must stay unchanged before it is checked, in ms. */
export const WINDOW_CHECK_DELAY_MS = 400;

/** A freeze the window falls into, with the zone its rule is kept in. */
export interface WindowFreeze {
  occurrence: FreezeOccurrence;
  /** The IANA zone of a recurring freeze; undefined for one-off freezes. */
  zone?: string;
}

/** What the live check found for the form's window. */
export type WindowCheck =
  | { status: 'idle'; reason: string }
  | { status: 'checking' }
  | { status: 'error'; message: string }
  | { status: 'free' }
  | { status: 'blocked'; freezes: WindowFreeze[]; releases: Release[] };

/** What the window of a release form is checked for. */
export interface WindowCheckInput {
  entityRefs: string[];
  /** `datetime-local` values in the user's zone. */
  start: string;
  end: string;
  type: ReleaseType;
  /** The release being edited, which does not conflict with itself. */
  releaseId?: string;
}

const overlaps = (
  a: { start: string; end: string },
  b: { start: string; end: string },
) =>
  Date.parse(a.start) < Date.parse(b.end) &&
  Date.parse(a.end) > Date.parse(b.start);

/**
 * Checks the window of a release form as it changes (after a short pause):
 * the freezes applying to its entities that do not exempt its type, and the
 * other unfinished releases of the same entities whose windows overlap it,
 * from the same listings the calendar uses.
 */
export function useWindowCheck(input: WindowCheckInput): WindowCheck {
  const api = useApi(releaseCoordinationApiRef);
  const start = localToIso(input.start);
  const end = localToIso(input.end);
  let idleReason: string | undefined;
  if (!input.entityRefs.length)
    idleReason = 'Add an entity to check the window.';
  else if (!start || !end || Date.parse(end) <= Date.parse(start)) {
    idleReason = 'Set a window to check it.';
  }
  const key = JSON.stringify([
    input.entityRefs,
    start,
    end,
    input.type,
    input.releaseId,
  ]);
  const [check, setCheck] = useState<WindowCheck>({ status: 'checking' });

  useEffect(() => {
    if (idleReason) return undefined;
    let cancelled = false;
    setCheck({ status: 'checking' });
    const timer = setTimeout(async () => {
      const [entityRef, from, to, type, releaseId] = JSON.parse(key);
      try {
        const [occurrences, page] = await Promise.all([
          api.listFreezeOccurrences({ from, to, entityRef }),
          api.listReleases({
            entityRef,
            from,
            to,
            state: [...ACTIVE_RELEASE_STATES],
            limit: 50,
          }),
        ]);
        const window = { start: from, end: to };
        const applying = occurrences.filter(
          o => overlaps(o, window) && !o.exemptTypes.includes(type),
        );
        const freezeIds = [...new Set(applying.map(o => o.freezeId))];
        const zones = new Map(
          await Promise.all(
            freezeIds.map(async id => {
              const freeze = await api.getFreeze(id).catch(() => undefined);
              return [id, freeze?.recurrence?.timezone] as const;
            }),
          ),
        );
        const releases = page.items.filter(
          r => r.id !== releaseId && overlaps(r.window, window),
        );
        if (cancelled) return;
        setCheck(
          applying.length || releases.length
            ? {
                status: 'blocked',
                freezes: applying.map(occurrence => ({
                  occurrence,
                  zone: zones.get(occurrence.freezeId),
                })),
                releases,
              }
            : { status: 'free' },
        );
      } catch (error) {
        if (!cancelled) {
          setCheck({ status: 'error', message: errorMessage(error) });
        }
      }
    }, WINDOW_CHECK_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, key, idleReason]);

  return idleReason ? { status: 'idle', reason: idleReason } : check;
}
