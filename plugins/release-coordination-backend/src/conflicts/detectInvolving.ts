import {
  ACTIVE_RELEASE_STATES,
  Conflict,
  Release,
} from '@internal/plugin-release-coordination-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { DependencyGraph } from '../catalogGraph/DependencyGraph';
import {
  DetectableRelease,
  detectConflicts,
  FreezeOccurrenceInput,
} from './ConflictDetector';

/** Most separate ranges one conflict check reads; more are read as one span. */
const MAX_RANGES = 8;

const ACTIVE = new Set<string>(ACTIVE_RELEASE_STATES);

/** A range of time, ISO instants. */
type Range = { from: string; to: string };

/**
 * The windows of releases merged into disjoint ranges, in order; when there
 * are more than MAX_RANGES, the whole span as one range.
 */
function rangesOf(releases: Release[]): Range[] {
  const sorted = releases
    .map(r => ({ from: r.window.start, to: r.window.end }))
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const ranges: Range[] = [];
  for (const window of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && Date.parse(window.from) <= Date.parse(last.to)) {
      if (Date.parse(window.to) > Date.parse(last.to)) last.to = window.to;
    } else {
      ranges.push({ ...window });
    }
  }
  if (ranges.length <= MAX_RANGES) return ranges;
  const to = ranges.reduce(
    (max, r) => (Date.parse(r.to) > Date.parse(max) ? r.to : max),
    ranges[0].to,
  );
  return [{ from: ranges[0].from, to }];
}

/** Where a detection pass about some releases reads the rest. */
export interface DetectionSources {
  store: Pick<
    ReleaseStore,
    'listActiveCandidates' | 'getReleases' | 'listActiveFollowers'
  >;
  /** The freeze occurrences in a window that apply to any of the entities. */
  freezes(
    entityRefs: string[],
    window: { start: string; end: string },
  ): Promise<FreezeOccurrenceInput[]>;
  graph(): Promise<DependencyGraph>;
  maxConcurrentPerOwner: number;
  /** For a viewer, the owners whose drafts to read at most (undefined: all). */
  draftOwnerRefs(): Promise<string[] | undefined>;
  /** Of the releases read, those the viewer may see. */
  visibleTo<T extends Pick<Release, 'id' | 'state' | 'ownerRef'>>(
    releases: T[],
  ): Promise<T[]>;
}

/**
 * The conflicts involving any of the given releases, in one pass, as a
 * pass over everything would find them, with the releases the pass looked
 * at. Only what can conflict with them is read: the active releases
 * overlapping their windows (for a viewer, not the drafts of others, which
 * they may not see), and the releases they follow or that follow them; the
 * detector pairs the others only with them.
 */
export async function detectInvolving(
  releases: Release[],
  sources: DetectionSources,
): Promise<{ conflicts: Conflict[]; releases: DetectableRelease[] }> {
  const focus = releases.filter(r => ACTIVE.has(r.state));
  if (focus.length === 0) return { conflicts: [], releases: [] };
  const ranges = rangesOf(focus);
  const focusIds = new Set(focus.map(r => r.id));
  const afterIds = focus.flatMap(r => r.after ?? []);
  const { store } = sources;
  // one read after the other: the store may be a write's transaction, whose
  // one connection runs one query at a time
  const overlapping: DetectableRelease[] = [];
  const draftOwnerRefs = await sources.draftOwnerRefs();
  for (const range of ranges) {
    overlapping.push(
      ...(await store.listActiveCandidates({ ...range, draftOwnerRefs })),
    );
  }
  const predecessors = afterIds.length ? await store.getReleases(afterIds) : [];
  const followers = await store.listActiveFollowers([...focusIds]);
  const freezes = await sources.freezes(
    [...new Set(focus.flatMap(r => r.entityRefs))],
    { start: ranges[0].from, end: ranges[ranges.length - 1].to },
  );
  const graph = await sources.graph();
  // the given versions win: they may be fresher than what was read
  const byId = new Map<string, DetectableRelease>(
    [...overlapping, ...predecessors, ...followers].map(
      r => [r.id, r] as const,
    ),
  );
  for (const r of focus) byId.delete(r.id);
  const all = [...(await sources.visibleTo([...byId.values()])), ...focus];
  return {
    conflicts: detectConflicts({
      releases: all,
      freezes,
      graph,
      maxConcurrentPerOwner: sources.maxConcurrentPerOwner,
      involving: focusIds,
    }),
    releases: all,
  };
}
