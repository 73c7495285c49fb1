import {
  FreezeOccurrence,
  FreezeScope,
  Release,
  ReleaseState,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import type { EntityRelations } from './entityRelations';

/**
 * The states the calendar, the release list and the widget show unless the
 * state filter asks for others: everything not finished or cancelled.
 */
export const UNFINISHED_STATES: readonly ReleaseState[] = [
  'draft',
  'planned',
  'approved',
  'in_progress',
  'rolling_back',
];

/** States of a release that is changing production right now. */
export const LIVE_STATES: readonly ReleaseState[] = [
  'in_progress',
  'rolling_back',
];

/** Whether a release is changing production right now. */
export function isLive(release: Release): boolean {
  return LIVE_STATES.includes(release.state);
}

/** Orders live releases first, then by start, then by title. */
export function liveFirst(a: Release, b: Release): number {
  return (
    Number(isLive(b)) - Number(isLive(a)) ||
    Date.parse(a.window.start) - Date.parse(b.window.start) ||
    a.title.localeCompare(b.title)
  );
}

/** The part of a day something covers, as fractions of the day (0 to 1). */
export interface DaySpan {
  from: number;
  to: number;
}

/**
 * The part of the day starting at `day` (local) that something from `start`
 * to `end` (ISO) covers, or undefined when it does not reach into the day.
 * A freeze ending Monday 07:00 covers Monday from 0 to 7/24.
 */
export function spanOnDay(
  item: { start: string; end: string },
  day: DateTime,
): DaySpan | undefined {
  const dayStart = day.startOf('day').toMillis();
  const dayEnd = day.startOf('day').plus({ days: 1 }).toMillis();
  const start = Math.max(Date.parse(item.start), dayStart);
  const end = Math.min(Date.parse(item.end), dayEnd);
  if (!(end > start)) return undefined;
  const length = dayEnd - dayStart;
  return { from: (start - dayStart) / length, to: (end - dayStart) / length };
}

/** Whether a span covers its whole day. */
export function coversWholeDay(span: DaySpan): boolean {
  return span.from <= 0 && span.to >= 1;
}

/**
 * The local times a freeze covers on a day, in words: `all day`, `until
 * 07:00`, `from 16:00` or `06:00 – 20:00`.
 */
export function frozenHoursText(
  freeze: { start: string; end: string },
  day: DateTime,
): string | undefined {
  const span = spanOnDay(freeze, day);
  if (!span) return undefined;
  if (coversWholeDay(span)) return 'all day';
  const dayStart = day.startOf('day').toMillis();
  const time = (iso: string) => DateTime.fromISO(iso).toFormat('HH:mm');
  const startsToday = Date.parse(freeze.start) > dayStart;
  const endsToday = span.to < 1;
  if (startsToday && endsToday) {
    return `${time(freeze.start)} – ${time(freeze.end)}`;
  }
  return endsToday ? `until ${time(freeze.end)}` : `from ${time(freeze.start)}`;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Whether a freeze's scope covers any of the entities or systems `refs`:
 * everything, named, through the system, domain (of the entity or of its
 * system) or owner group the catalog `relations` (lower-case refs) give.
 */
export function scopeCovers(
  scope: FreezeScope,
  refs: string[],
  relations: EntityRelations = new Map(),
): boolean {
  if (scope.all) return true;
  const named = new Set(
    [
      ...scope.entities,
      ...scope.systems,
      ...scope.domains,
      ...scope.groups,
    ].map(lower),
  );
  return refs.map(lower).some(ref => {
    const own = relations.get(ref);
    const system = own?.system;
    return [
      ref,
      system,
      own?.domain,
      own?.owner,
      system && relations.get(system)?.domain,
    ].some(candidate => candidate && named.has(candidate));
  });
}

/**
 * What a freeze covers, in words: `everything`, or e.g. `payments system,
 * commerce domain, cart-service`.
 */
export function scopeText(scope: FreezeScope): string {
  if (scope.all) return 'everything';
  const names = [
    ...scope.systems.map(ref => `${entityName(ref)} system`),
    ...scope.domains.map(ref => `${entityName(ref)} domain`),
    ...scope.groups.map(ref => `${entityName(ref)} group`),
    ...scope.entities.map(entityName),
  ];
  return names.join(', ') || 'nothing';
}

/**
 * Whether a freeze shades the calendar's days: one covering everything
 * always does; one of a narrower scope only when the calendar is narrowed
 * to what it covers (the backend then lists only the freezes that apply).
 */
export function shadesCalendar(
  freeze: FreezeOccurrence,
  narrowed: boolean,
): boolean {
  return freeze.scope.all || narrowed;
}

/** Something placed in lanes side by side where it overlaps others. */
export interface Laned<T> {
  item: T;
  lane: number;
  lanes: number;
}

/**
 * Puts items (with a start and an end in epoch ms) into the fewest lanes so
 * that none overlaps another in its lane; each overlapping cluster shares
 * the lane count of its widest moment.
 */
export function assignLanes<T>(
  items: T[],
  timesOf: (item: T) => { start: number; end: number },
): Laned<T>[] {
  const sorted = [...items].sort((a, b) => timesOf(a).start - timesOf(b).start);
  const result: Laned<T>[] = [];
  let cluster: Laned<T>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const closeCluster = () => {
    cluster.forEach(entry => {
      entry.lanes = laneEnds.length;
    });
    result.push(...cluster);
    cluster = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    const { start, end } = timesOf(item);
    if (start >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex(laneEnd => laneEnd <= start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = end;
    clusterEnd = Math.max(clusterEnd, end);
    cluster.push({ item, lane, lanes: 0 });
  }
  closeCluster();
  return result;
}
