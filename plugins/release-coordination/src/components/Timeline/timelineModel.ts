import { Release } from '@internal/plugin-release-coordination-common';
import type { EntityRelations } from '../ReleaseCalendar/entityRelations';
import { assignLanes, Laned } from '../ReleaseCalendar/scheduleModel';

/** Height of a release's row, in pixels. */
export const ROW_HEIGHT = 34;

/** A span of time in epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * Where something from `start` to `end` (ISO) sits on the axis, in percent of
 * its width, clipped to the range; undefined when it lies outside.
 */
export function placeOnAxis(
  range: TimeRange,
  start: string,
  end: string,
): { left: number; width: number } | undefined {
  const span = range.to - range.from;
  const s = Math.max(Date.parse(start), range.from);
  const e = Math.min(Date.parse(end), range.to);
  if (!(span > 0) || !(e > s)) return undefined;
  return {
    left: ((s - range.from) / span) * 100,
    width: ((e - s) / span) * 100,
  };
}

/** The position of one instant on the axis in percent, clipped to 0–100. */
export function pointOnAxis(range: TimeRange, at: string | number): number {
  const t = typeof at === 'number' ? at : Date.parse(at);
  const pct = ((t - range.from) / (range.to - range.from)) * 100;
  return Math.min(100, Math.max(0, pct));
}

/** What the rows of the timeline stand for. */
export type TimelineRowsBy = 'owner' | 'system' | 'entity';

/** A row of the timeline: an owner, a System or an entity, with its releases in lanes. */
export interface TimelineRow {
  /** The lower-case ref the row stands for, or `none`. */
  key: string;
  releases: Laned<Release>[];
  /** How many lanes the row has (at least one). */
  lanes: number;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The keys of the rows a release is drawn on. */
function rowKeysOf(
  release: Release,
  by: TimelineRowsBy,
  relations: EntityRelations,
): string[] {
  if (by === 'owner') return [lower(release.ownerRef)];
  const entities = release.entityRefs.map(lower);
  if (by === 'entity') return entities;
  return [
    ...new Set(
      entities
        .map(ref =>
          ref.startsWith('system:') ? ref : relations.get(ref)?.system,
        )
        .filter((ref): ref is string => Boolean(ref)),
    ),
  ];
}

/**
 * The rows of the timeline: one per owner, System or entity of the releases
 * (a release on each of its entities' rows), plus one for each of `extraKeys`
 * (e.g. the Systems freezes and trains name), sorted by key; releases whose
 * System is unknown go last under `none`. Releases of a row whose bars or
 * side labels (`sideLabelMs` long after the bar) would overlap sit in lanes.
 */
export function timelineRows(
  releases: Release[],
  by: TimelineRowsBy,
  relations: EntityRelations,
  extraKeys: string[] = [],
  sideLabelMs: (release: Release) => number = () => 0,
): TimelineRow[] {
  const rows = new Map<string, Release[]>(
    extraKeys.map(key => [lower(key), []]),
  );
  for (const release of releases) {
    const keys = rowKeysOf(release, by, relations);
    for (const key of keys.length ? keys : ['none']) {
      rows.set(key, [...(rows.get(key) ?? []), release]);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => {
      if (a === 'none') return 1;
      if (b === 'none') return -1;
      return a.localeCompare(b);
    })
    .map(([key, list]) => {
      const laned = assignLanes(list, release => ({
        start: Date.parse(release.window.start),
        end: Date.parse(release.window.end) + sideLabelMs(release),
      }));
      return {
        key,
        releases: laned,
        lanes: Math.max(1, ...laned.map(entry => entry.lane + 1)),
      };
    });
}

/** The height of a row, in pixels. */
export const rowHeight = (row: TimelineRow) => row.lanes * ROW_HEIGHT;

/**
 * The vertical centre of each release's bar on the first row showing it, in
 * pixels from the top of the rows.
 */
export function rowCentres(rows: TimelineRow[]): Map<string, number> {
  const centres = new Map<string, number>();
  let y = 0;
  for (const row of rows) {
    for (const { item, lane } of row.releases) {
      if (!centres.has(item.id)) {
        centres.set(item.id, y + lane * ROW_HEIGHT + ROW_HEIGHT / 2);
      }
    }
    y += rowHeight(row);
  }
  return centres;
}

/** The total height of the rows, in pixels. */
export function rowsHeight(rows: TimelineRow[]): number {
  return rows.reduce((sum, row) => sum + rowHeight(row), 0);
}

/** The least width of the axis, in pixels, labels are measured against. */
const AXIS_PIXELS = 540;
/** About how wide a character of a bar's label is, in pixels. */
const CHAR_PIXELS = 7;

/**
 * Whether a bar of `widthPercent` of the axis is too short for `label`
 * inside it; its label then goes beside it.
 */
export function labelOutside(widthPercent: number, label: string): boolean {
  return (widthPercent / 100) * AXIS_PIXELS < (label.length + 2) * CHAR_PIXELS;
}

/** The label a release's bar shows, inside it or beside it. */
export const barLabel = (release: Release) =>
  `${release.title} ${release.version} · ${release.state.replace(/_/g, ' ')}`;

/**
 * How much of the axis (in ms) the side label of a release takes after its
 * bar; nothing when the label fits inside the bar.
 */
export function sideLabelSpan(range: TimeRange, release: Release): number {
  const place = placeOnAxis(range, release.window.start, release.window.end);
  const label = barLabel(release);
  if (place && !labelOutside(place.width, label)) return 0;
  const pixels = (label.length + 2) * CHAR_PIXELS;
  return (pixels / AXIS_PIXELS) * (range.to - range.from);
}

/** A release that must follow another, both shown. */
export interface Dependency {
  from: Release;
  to: Release;
  /** The follower starts before its predecessor ends. */
  violated: boolean;
}

/** The `after` relations between shown releases. */
export function dependenciesOf(releases: Release[]): Dependency[] {
  const byId = new Map(releases.map(r => [r.id, r]));
  const result: Dependency[] = [];
  for (const release of releases) {
    for (const id of release.after ?? []) {
      const before = byId.get(id);
      if (before) {
        result.push({
          from: before,
          to: release,
          violated:
            Date.parse(release.window.start) < Date.parse(before.window.end),
        });
      }
    }
  }
  return result;
}
