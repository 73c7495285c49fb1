import {
  Freeze,
  MAX_OCCURRENCE_RANGE_DAYS,
} from '@internal/plugin-release-coordination-common';
import { expandOccurrences, MAX_OCCURRENCES, Occurrence } from './occurrences';
import { DAY_MS } from '../time';

/** The expansions kept are of 30-day chunks of time, aligned to the epoch. */
const CHUNK_MS = 30 * DAY_MS;
/** The chunks of the longest range a request may ask for; longer ones are expanded directly. */
const MAX_CHUNKS =
  Math.ceil((MAX_OCCURRENCE_RANGE_DAYS * DAY_MS) / CHUNK_MS) + 1;
/** Occurrences kept before the memo starts over (some megabytes). */
const MAX_HELD = 200_000;

type Expandable = Pick<
  Freeze,
  'id' | 'revision' | 'updatedAt' | 'start' | 'end' | 'recurrence' | 'endedAt'
>;

/**
 * Remembers the occurrences of recurring freezes per 30-day chunk, keyed by
 * the freeze's id, revision and update time: expanding an RRULE in a time
 * zone (rrule and luxon) cost every request a share of its time, and a
 * freeze's occurrences change only with a new revision. Callers pass freezes
 * just read from the database, so an edit on another replica is seen by the
 * next request. One-off freezes are not worth remembering.
 */
export class OccurrenceMemo {
  private readonly chunks = new Map<string, Occurrence[]>();
  private held = 0;

  /** The occurrences overlapping [from, to), as `expandOccurrences` gives them. */
  expand(freeze: Expandable, from: Date, to: Date): Occurrence[] {
    const first = Math.floor(from.getTime() / CHUNK_MS);
    const last = Math.floor(to.getTime() / CHUNK_MS);
    if (!freeze.recurrence || last - first + 1 > MAX_CHUNKS) {
      return expandOccurrences(freeze, from, to);
    }
    const byStart = new Map<number, Occurrence>();
    let total = 0;
    for (let chunk = first; chunk <= last; chunk++) {
      const occurrences = this.chunk(freeze, chunk);
      total += occurrences.length;
      for (const o of occurrences) {
        if (o.start < to && o.end > from) byStart.set(o.start.getTime(), o);
      }
    }
    // a rule so dense that an expansion may have been cut short: as before
    if (total >= MAX_OCCURRENCES / 2) {
      return expandOccurrences(freeze, from, to);
    }
    return [...byStart.values()].sort(
      (a, b) => a.start.getTime() - b.start.getTime(),
    );
  }

  private chunk(freeze: Expandable, chunk: number): Occurrence[] {
    const key = `${freeze.id}|${freeze.revision}|${freeze.updatedAt}|${chunk}`;
    let occurrences = this.chunks.get(key);
    if (!occurrences) {
      occurrences = expandOccurrences(
        freeze,
        new Date(chunk * CHUNK_MS),
        new Date((chunk + 1) * CHUNK_MS),
      );
      if (this.held + occurrences.length > MAX_HELD) {
        this.chunks.clear();
        this.held = 0;
      }
      this.chunks.set(key, occurrences);
      this.held += occurrences.length;
    }
    return occurrences;
  }
}
