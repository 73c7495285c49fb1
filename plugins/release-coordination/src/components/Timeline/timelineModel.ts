import { Release } from '@internal/plugin-release-coordination-common';

/** Height of a group's heading row, in pixels. */
export const GROUP_HEIGHT = 28;
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

/** A group of timeline rows. */
export interface TimelineGroup {
  key: string;
  releases: Release[];
}

/**
 * Groups releases by a key (e.g. the owner), groups and releases sorted by
 * key and start; releases with no key go last under `none`.
 */
export function groupReleases(
  releases: Release[],
  keyOf: (release: Release) => string | undefined,
  none: string,
): TimelineGroup[] {
  const groups = new Map<string, Release[]>();
  for (const release of releases) {
    const key = keyOf(release) ?? none;
    const list = groups.get(key) ?? [];
    list.push(release);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => {
      if (a === none) return 1;
      if (b === none) return -1;
      return a.localeCompare(b);
    })
    .map(([key, list]) => ({
      key,
      releases: [...list].sort(
        (x, y) =>
          Date.parse(x.window.start) - Date.parse(y.window.start) ||
          x.title.localeCompare(y.title),
      ),
    }));
}

/** The vertical centre of each release's row, in pixels from the top of the rows. */
export function rowCentres(groups: TimelineGroup[]): Map<string, number> {
  const centres = new Map<string, number>();
  let y = 0;
  for (const group of groups) {
    y += GROUP_HEIGHT;
    for (const release of group.releases) {
      centres.set(release.id, y + ROW_HEIGHT / 2);
      y += ROW_HEIGHT;
    }
  }
  return centres;
}

/** The total height of the rows, in pixels. */
export function rowsHeight(groups: TimelineGroup[]): number {
  return groups.reduce(
    (sum, g) => sum + GROUP_HEIGHT + g.releases.length * ROW_HEIGHT,
    0,
  );
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
