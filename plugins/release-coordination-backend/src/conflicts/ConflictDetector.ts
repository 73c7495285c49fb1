import {
  ACTIVE_RELEASE_STATES,
  Conflict,
  ConflictKind,
  CONFLICT_KINDS,
} from '@internal/plugin-release-coordination-common';
import { DependencyGraph } from '../catalogGraph/DependencyGraph';
import { ActiveReleases } from './detection/ActiveReleases';
import {
  recordDependencies,
  recordSystemSiblings,
} from './detection/dependencyConflicts';
import { Findings } from './detection/Findings';
import { FreezeConflicts } from './detection/freezeConflicts';
import {
  DetectableRelease,
  FreezeOccurrenceInput,
  Item,
  Occurrence,
} from './detection/model';
import { orderingConflicts } from './detection/orderingConflicts';
import {
  describeOverload,
  OwnerLoad,
} from './detection/ownerOverloadConflicts';
import { recordSameEntity } from './detection/sameEntityConflicts';

const KIND_ORDER = new Map<ConflictKind, number>(
  CONFLICT_KINDS.map((kind, i) => [kind, i]),
);

/**
 * The detector's order of conflicts: by kind, then by id. Ids are lowercase
 * hex, so comparing code units orders them as a collation would, without its
 * cost (sorting a month of conflicts with `localeCompare` took most of a
 * `/conflicts` request).
 */
export function byDetectorOrder(
  a: { kind: ConflictKind; id: string },
  b: { kind: ConflictKind; id: string },
): number {
  const byKind = KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!;
  if (byKind !== 0) return byKind;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

export type {
  DetectableRelease,
  FreezeOccurrenceInput,
} from './detection/model';

/** Default of `releaseCoordination.conflicts.maxConcurrentPerOwner`. */
export const DEFAULT_MAX_CONCURRENT_PER_OWNER = 3;

/**
 * Everything one detection pass looks at.
 *
 * @public
 */
export interface ConflictDetectionInput {
  /** The releases; only active ones (draft to in progress) take part. */
  releases: DetectableRelease[];
  /** Freeze occurrences with the entities they cover. */
  freezes?: FreezeOccurrenceInput[];
  graph?: DependencyGraph;
  maxConcurrentPerOwner?: number;
  /**
   * When given, only the conflicts involving one of these releases are
   * worked out and returned; the others still take part.
   */
  involving?: ReadonlySet<string>;
}

const ACTIVE = new Set<string>(ACTIVE_RELEASE_STATES);

/** A window of a release or a freeze occurrence opening or closing. */
type SweepEvent =
  | { at: number; end: boolean; item: Item; occurrence?: undefined }
  | { at: number; end: boolean; item?: undefined; occurrence: Occurrence };

/**
 * The opening and closing of every non-empty window, in time order; ends
 * sort before starts at the same instant, since windows are half-open and
 * touching ones do not overlap.
 */
function sweepEvents(items: Item[], occurrences: Occurrence[]): SweepEvent[] {
  const events: SweepEvent[] = [];
  for (const item of items) {
    if (item.end <= item.start) continue;
    events.push({ at: item.start, end: false, item });
    events.push({ at: item.end, end: true, item });
  }
  for (const occurrence of occurrences) {
    if (occurrence.endMs <= occurrence.startMs) continue;
    events.push({ at: occurrence.startMs, end: false, occurrence });
    events.push({ at: occurrence.endMs, end: true, occurrence });
  }
  return events.sort((a, b) => a.at - b.at || Number(b.end) - Number(a.end));
}

/** The active releases once each, by id. */
function activeItems(
  releases: DetectableRelease[],
  involving: ReadonlySet<string> | undefined,
): Map<string, Item> {
  const byId = new Map<string, Item>();
  for (const release of releases) {
    if (!ACTIVE.has(release.state) || byId.has(release.id)) continue;
    byId.set(release.id, {
      release,
      start: Date.parse(release.window.start),
      end: Date.parse(release.window.end),
      focus: !involving || involving.has(release.id),
    });
  }
  return byId;
}

/**
 * Finds the conflicts among releases in one sweep over their windows sorted by
 * start (O(n log n) plus the conflicts found): an active set per entity,
 * system, owner and freeze-covered entity answers which windows overlap, so
 * releases are never compared pairwise.
 *
 * @public
 */
export function detectConflicts(input: ConflictDetectionInput): Conflict[] {
  const graph = input.graph ?? DependencyGraph.empty();
  const maxPerOwner =
    input.maxConcurrentPerOwner ?? DEFAULT_MAX_CONCURRENT_PER_OWNER;
  const { involving } = input;
  const findings = new Findings(
    releases => !involving || releases.some(r => involving.has(r.id)),
  );
  const byId = activeItems(input.releases, involving);
  const items = [...byId.values()];
  const occurrences: Occurrence[] = (input.freezes ?? []).map(o => ({
    ...o,
    startMs: Date.parse(o.start),
    endMs: Date.parse(o.end),
  }));

  const active = new ActiveReleases(graph, involving !== undefined);
  const freezes = new FreezeConflicts(findings, active);
  const ownerLoad = new OwnerLoad(maxPerOwner);
  for (const event of sweepEvents(items, occurrences)) {
    if (event.occurrence) {
      if (event.end) freezes.occurrenceEnds(event.occurrence);
      else freezes.occurrenceStarts(event.occurrence);
      continue;
    }
    const item = event.item;
    if (event.end) {
      active.remove(item);
      ownerLoad.remove(item);
      continue;
    }
    const { byEntity, bySystem } = active.candidatesFor(item);
    for (const ref of item.release.entityRefs) {
      if (item.focus) freezes.releaseStarts(item, ref);
      recordSameEntity(findings, item, ref, byEntity);
      recordDependencies(findings, graph, item, ref, byEntity);
      recordSystemSiblings(findings, graph, item, ref, bySystem);
    }
    active.add(item);
    ownerLoad.add(item);
  }

  const conflicts: Conflict[] = [
    ...findings.conflicts(),
    ...ownerLoad
      .finish()
      .filter(overload => findings.wanted(overload.items.map(i => i.release)))
      .map(overload => describeOverload(overload, maxPerOwner)),
    ...orderingConflicts(items, byId, findings.wanted),
  ];
  return conflicts.sort(byDetectorOrder);
}
