import { Release } from '@internal/plugin-release-coordination-common';
import { ReleaseStore } from '../database/ReleaseStore';
import type { KeptAtRevision } from '../listingCache/ListingCache';

/** Releases that may run: the gate opens only inside one of their windows. */
const GATE_STATES = ['approved', 'in_progress'] as const;
/** Most releases covering an instant that the gate names. */
const GATE_RELEASES = 50;
/** Most releases of an entity in a day that the gate keeps (more: it reads the instant's). */
const GATE_DAY_RELEASES = 500;

/**
 * The approved or in-progress releases of the entity whose windows cover
 * `at`, earliest first: those of its day, kept, filtered to the instant;
 * those of the instant alone when nothing is kept, or when the day has more
 * than a page of them.
 */
export async function releasesCovering(
  releases: Pick<ReleaseStore, 'listReleases'>,
  query: { entityRef: string; at: string; day: { from: string; to: string } },
  kept: KeptAtRevision | undefined,
  dayLimit = GATE_DAY_RELEASES,
): Promise<Release[]> {
  const { entityRef, at, day } = query;
  const inRange = (range: { from: string; to: string }, limit: number) =>
    releases.listReleases({
      entityRefGroups: [[entityRef]],
      ...range,
      states: [...GATE_STATES],
      order: 'asc',
      limit,
    });
  const ofInstant = async () =>
    (await inRange({ from: at, to: at }, GATE_RELEASES)).items;
  if (!kept) return ofInstant();
  const ofDay = await kept(`gate releases ${entityRef} ${day.from}`, () =>
    inRange(day, dayLimit),
  );
  if (ofDay.nextCursor) return ofInstant();
  const instant = Date.parse(at);
  return ofDay.items
    .filter(
      ({ window }) =>
        Date.parse(window.start) <= instant &&
        Date.parse(window.end) >= instant,
    )
    .slice(0, GATE_RELEASES);
}
