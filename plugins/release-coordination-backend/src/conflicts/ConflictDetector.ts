import {
  ACTIVE_RELEASE_STATES,
  Conflict,
  ConflictKind,
  CONFLICT_KINDS,
  Release,
} from '@internal/plugin-release-coordination-common';
import { createHash } from 'node:crypto';
import { ApplicableFreeze } from '../freezes/FreezeService';
import { DependencyGraph } from '../catalogGraph/DependencyGraph';

/** Default of `releaseCoordination.conflicts.maxConcurrentPerOwner`. */
export const DEFAULT_MAX_CONCURRENT_PER_OWNER = 3;

/**
 * What the detector reads of a release.
 *
 * @public
 */
export type DetectableRelease = Pick<
  Release,
  | 'id'
  | 'title'
  | 'type'
  | 'state'
  | 'window'
  | 'entityRefs'
  | 'ownerRef'
  | 'after'
  | 'freezeOverride'
>;

/** What the detector needs of a freeze occurrence. */
export type FreezeOccurrenceInput = Pick<
  ApplicableFreeze,
  'freezeId' | 'title' | 'start' | 'end' | 'exemptTypes' | 'entityRefs'
>;

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

type Item = {
  release: DetectableRelease;
  start: number;
  end: number;
  /** Whether its conflicts are wanted (one of `involving`, or no `involving`). */
  focus: boolean;
};

type Occurrence = FreezeOccurrenceInput & { startMs: number; endMs: number };

type Accumulator = {
  kind: ConflictKind;
  releases: DetectableRelease[];
  entityRefs: Set<string>;
  detail: string;
  occurrences?: Set<Occurrence>;
};

const ACTIVE = new Set<string>(ACTIVE_RELEASE_STATES);
const SEVERITY = {
  freeze: 'blocking',
  'same-entity': 'blocking',
  dependency: 'warning',
  'owner-overload': 'warning',
  ordering: 'blocking',
} as const;

const fmt = (ms: number | string) =>
  new Date(ms).toISOString().replace('.000Z', 'Z');

const name = (release: DetectableRelease) => `"${release.title}"`;

const conflictId = (kind: string, parts: string[]) =>
  createHash('sha256')
    .update([kind, ...parts].join('\n'))
    .digest('hex')
    .slice(0, 20);

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
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
  const wanted = (releases: DetectableRelease[]) =>
    !involving || releases.some(r => involving.has(r.id));

  const byId = new Map<string, Item>();
  for (const release of input.releases) {
    if (!ACTIVE.has(release.state) || byId.has(release.id)) continue;
    byId.set(release.id, {
      release,
      start: Date.parse(release.window.start),
      end: Date.parse(release.window.end),
      focus: !involving || involving.has(release.id),
    });
  }
  const items = [...byId.values()];
  const occurrences: Occurrence[] = (input.freezes ?? []).map(o => ({
    ...o,
    startMs: Date.parse(o.start),
    endMs: Date.parse(o.end),
  }));

  // events: [time, order, payload]; ends (0) sort before starts (1) at the
  // same instant, since windows are half-open and touching ones do not overlap
  type Event =
    | { at: number; end: boolean; item: Item; occurrence?: undefined }
    | { at: number; end: boolean; item?: undefined; occurrence: Occurrence };
  const events: Event[] = [];
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
  events.sort((a, b) => a.at - b.at || Number(b.end) - Number(a.end));

  const found = new Map<string, Accumulator>();
  const record = (
    key: string,
    kind: ConflictKind,
    releases: DetectableRelease[],
    entityRefs: string[],
    detail: string,
  ) => {
    if (!wanted(releases)) return undefined;
    const existing = found.get(key);
    if (existing) {
      entityRefs.forEach(ref => existing.entityRefs.add(ref));
      return existing;
    }
    const created: Accumulator = {
      kind,
      releases,
      entityRefs: new Set(entityRefs),
      detail,
    };
    found.set(key, created);
    return created;
  };
  const pairKey = (kind: string, a: DetectableRelease, b: DetectableRelease) =>
    a.id < b.id ? `${kind}|${a.id}|${b.id}` : `${kind}|${b.id}|${a.id}`;

  const freezeHit = (item: Item, occurrence: Occurrence, entityRef: string) => {
    const { release } = item;
    if (release.freezeOverride) return;
    if (occurrence.exemptTypes.includes(release.type)) return;
    const key = `freeze|${release.id}|${occurrence.freezeId}`;
    const acc = record(key, 'freeze', [release], [entityRef], occurrence.title);
    if (!acc) return;
    acc.occurrences = (acc.occurrences ?? new Set()).add(occurrence);
  };

  // every active release, and the active focus releases: a release that is
  // not wanted pairs only with those (a pair of two others is not wanted)
  const activeByEntity = new Map<string, Set<Item>>();
  const activeBySystem = new Map<string, Set<[Item, string]>>();
  const focusByEntity = involving
    ? new Map<string, Set<Item>>()
    : activeByEntity;
  const focusBySystem = involving
    ? new Map<string, Set<[Item, string]>>()
    : activeBySystem;
  const activeByOwner = new Map<string, Set<Item>>();
  const activeOccurrences = new Map<string, Set<Occurrence>>();
  const systemEntries = new Map<Item, [string, [Item, string]][]>();
  const episodes = new Map<string, { items: Set<Item>; peak: number }>();
  const overloads: { owner: string; items: Item[]; peak: number }[] = [];

  for (const event of events) {
    if (event.occurrence) {
      const occurrence = event.occurrence;
      for (const ref of occurrence.entityRefs) {
        if (event.end) {
          removeFrom(activeOccurrences, ref, occurrence);
          continue;
        }
        addTo(activeOccurrences, ref, occurrence);
        for (const item of focusByEntity.get(ref) ?? []) {
          freezeHit(item, occurrence, ref);
        }
      }
      continue;
    }

    const item = event.item;
    const { release } = item;
    if (event.end) {
      for (const ref of release.entityRefs) {
        removeFrom(activeByEntity, ref, item);
        if (item.focus) removeFrom(focusByEntity, ref, item);
      }
      for (const [system, entry] of systemEntries.get(item) ?? []) {
        removeFrom(activeBySystem, system, entry);
        if (item.focus) removeFrom(focusBySystem, system, entry);
      }
      systemEntries.delete(item);
      removeFrom(activeByOwner, release.ownerRef, item);
      const episode = episodes.get(release.ownerRef);
      if (
        episode &&
        (activeByOwner.get(release.ownerRef)?.size ?? 0) <= maxPerOwner
      ) {
        overloads.push({
          owner: release.ownerRef,
          items: [...episode.items],
          peak: episode.peak,
        });
        episodes.delete(release.ownerRef);
      }
      continue;
    }

    // the releases this one can be in a wanted conflict with
    const byEntity = item.focus ? activeByEntity : focusByEntity;
    const bySystem = item.focus ? activeBySystem : focusBySystem;
    for (const ref of release.entityRefs) {
      if (item.focus) {
        for (const occurrence of activeOccurrences.get(ref) ?? []) {
          freezeHit(item, occurrence, ref);
        }
      }
      for (const other of byEntity.get(ref) ?? []) {
        if (other === item) continue;
        record(
          pairKey('same-entity', release, other.release),
          'same-entity',
          ordered(item, other),
          [ref],
          '',
        );
      }
      // this release's entity depends on the other's, or the other way round
      const recordDependency = (
        other: Item,
        target: string,
        dependent: boolean,
      ) => {
        const [from, to] = dependent ? [ref, target] : [target, ref];
        record(
          pairKey('dependency', release, other.release),
          'dependency',
          ordered(item, other),
          [from, to],
          `${from} depends on ${to}`,
        );
      };
      const dependencies = byEntity.size ? graph.dependenciesOf(ref) : [];
      const dependents = byEntity.size ? graph.dependentsOf(ref) : [];
      if (dependencies.length + dependents.length <= byEntity.size) {
        for (const [targets, dependent] of [
          [dependencies, true],
          [dependents, false],
        ] as const) {
          for (const target of targets) {
            for (const other of byEntity.get(target) ?? []) {
              if (other !== item) recordDependency(other, target, dependent);
            }
          }
        }
      } else {
        // fewer entities are active than related: look those up instead, and
        // record in the order of the loops above (the first found is named)
        const hits: [number, string, Item, boolean][] = [];
        const dependencyAt = graph.dependencyPositions(ref);
        const dependentAt = graph.dependentPositions(ref);
        for (const [target, others] of byEntity) {
          const asDependency = dependencyAt.get(target);
          const asDependent = dependentAt.get(target);
          for (const other of others) {
            if (other === item) continue;
            if (asDependency !== undefined) {
              hits.push([asDependency, target, other, true]);
            }
            if (asDependent !== undefined) {
              hits.push([
                dependencies.length + asDependent,
                target,
                other,
                false,
              ]);
            }
          }
        }
        hits.sort((a, b) => a[0] - b[0]);
        for (const [, target, other, dependent] of hits) {
          recordDependency(other, target, dependent);
        }
      }
      const system = graph.systemOf(ref);
      if (system) {
        for (const [other, otherRef] of bySystem.get(system) ?? []) {
          if (other === item || otherRef === ref) continue;
          record(
            pairKey('dependency', release, other.release),
            'dependency',
            ordered(item, other),
            [ref, otherRef],
            `${ref} and ${otherRef} are both part of ${system}`,
          );
        }
      }
    }

    for (const ref of release.entityRefs) {
      addTo(activeByEntity, ref, item);
      if (involving && item.focus) addTo(focusByEntity, ref, item);
      const system = graph.systemOf(ref);
      if (system) {
        const entry: [Item, string] = [item, ref];
        addTo(activeBySystem, system, entry);
        if (involving && item.focus) addTo(focusBySystem, system, entry);
        const entries = systemEntries.get(item) ?? [];
        entries.push([system, entry]);
        systemEntries.set(item, entries);
      }
    }
    addTo(activeByOwner, release.ownerRef, item);
    const owned = activeByOwner.get(release.ownerRef)!;
    if (owned.size > maxPerOwner) {
      const episode = episodes.get(release.ownerRef);
      if (episode) {
        episode.items.add(item);
        episode.peak = Math.max(episode.peak, owned.size);
      } else {
        episodes.set(release.ownerRef, {
          items: new Set(owned),
          peak: owned.size,
        });
      }
    }
  }
  for (const [owner, episode] of episodes) {
    overloads.push({ owner, items: [...episode.items], peak: episode.peak });
  }

  const conflicts: Conflict[] = [];
  for (const acc of found.values()) {
    conflicts.push(describe(acc));
  }
  for (const overload of overloads) {
    if (wanted(overload.items.map(i => i.release))) {
      conflicts.push(describeOverload(overload, maxPerOwner));
    }
  }
  // ordering: a release must start at or after the end of those it follows
  for (const item of items) {
    for (const afterId of item.release.after ?? []) {
      const before = byId.get(afterId);
      if (!before || before === item || item.start >= before.end) continue;
      if (!wanted([item.release, before.release])) continue;
      conflicts.push(describeOrdering(item, before));
    }
  }
  const kindOrder = (kind: ConflictKind) => CONFLICT_KINDS.indexOf(kind);
  return conflicts.sort(
    (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.id.localeCompare(b.id),
  );
}

/** The two releases of a pair, the earlier first. */
function ordered(a: Item, b: Item): DetectableRelease[] {
  return a.start < b.start ||
    (a.start === b.start && a.release.id < b.release.id)
    ? [a.release, b.release]
    : [b.release, a.release];
}

function span(release: DetectableRelease) {
  return `${fmt(release.window.start)} to ${fmt(release.window.end)}`;
}

function describe(acc: Accumulator): Conflict {
  const entityRefs = [...acc.entityRefs].sort();
  const releaseIds = acc.releases.map(r => r.id).sort();
  const base = {
    kind: acc.kind,
    severity: SEVERITY[acc.kind],
    releaseIds,
    entityRefs,
  };
  const [a, b] = acc.releases;
  switch (acc.kind) {
    case 'freeze': {
      const occurrences = [...acc.occurrences!];
      const first = occurrences.reduce((x, y) =>
        y.startMs < x.startMs ? y : x,
      );
      const count = new Set(occurrences.map(o => o.startMs)).size;
      const more =
        count > 1 ? ` and ${count - 1} more occurrence(s) of it` : '';
      return {
        ...base,
        id: conflictId('freeze', [a.id, first.freezeId]),
        message: `Release ${name(a)} (${a.type}, ${span(a)}) falls in freeze "${
          first.title
        }" (${fmt(first.start)} to ${fmt(
          first.end,
        )})${more}, which covers ${entityRefs.join(', ')}.`,
        suggestion: `Move the release to a window outside the freeze (GET /slots offers free ones)${
          first.exemptTypes.length
            ? `, use an exempt type (${first.exemptTypes.join(
                ' or ',
              )}) if it really is one,`
            : ''
        } or set a freeze override with a written reason.`,
      };
    }
    case 'same-entity':
      return {
        ...base,
        id: conflictId('same-entity', releaseIds),
        message: `Releases ${name(a)} (${span(a)}) and ${name(b)} (${span(
          b,
        )}) both change ${entityRefs.join(', ')} at the same time.`,
        suggestion: `Move ${name(b)} to start at or after ${fmt(
          a.window.end,
        )}, or merge the two releases into one.`,
      };
    default:
      return {
        ...base,
        id: conflictId('dependency', releaseIds),
        message: `Releases ${name(a)} (${span(a)}) and ${name(b)} (${span(
          b,
        )}) overlap, and ${acc.detail}.`,
        suggestion: `Release them one after the other: move one of them, and declare the order with "after" on the later one.`,
      };
  }
}

function describeOverload(
  overload: { owner: string; items: Item[]; peak: number },
  max: number,
): Conflict {
  const items = [...overload.items].sort((x, y) => x.start - y.start);
  const releaseIds = items.map(i => i.release.id).sort();
  const from = Math.min(...items.map(i => i.start));
  const to = Math.max(...items.map(i => i.end));
  return {
    id: conflictId('owner-overload', [overload.owner, ...releaseIds]),
    kind: 'owner-overload',
    severity: SEVERITY['owner-overload'],
    releaseIds,
    entityRefs: [...new Set(items.flatMap(i => i.release.entityRefs))].sort(),
    message: `${overload.owner} owns up to ${
      overload.peak
    } active releases at the same time between ${fmt(from)} and ${fmt(
      to,
    )} (limit ${max}): ${items.map(i => name(i.release)).join(', ')}.`,
    suggestion: `Spread these releases out so that at most ${max} run at once, or hand some to another team.`,
  };
}

function describeOrdering(item: Item, before: Item): Conflict {
  const { release } = item;
  const releaseIds = [release.id, before.release.id].sort();
  return {
    id: conflictId('ordering', [release.id, before.release.id]),
    kind: 'ordering',
    severity: SEVERITY.ordering,
    releaseIds,
    entityRefs: [
      ...new Set([...release.entityRefs, ...before.release.entityRefs]),
    ].sort(),
    message: `Release ${name(release)} must follow ${name(
      before.release,
    )} but starts at ${fmt(item.start)}, before ${name(
      before.release,
    )} ends at ${fmt(before.end)}.`,
    suggestion: `Move ${name(release)} to start at or after ${fmt(
      before.end,
    )}, or move ${name(before.release)} earlier.`,
  };
}
