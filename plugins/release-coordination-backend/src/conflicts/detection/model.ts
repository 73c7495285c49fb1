import {
  ConflictKind,
  Release,
} from '@internal/plugin-release-coordination-common';
import { ApplicableFreeze } from '../../freezes/FreezeService';

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

/** A release taking part in a sweep, its window in epoch milliseconds. */
export type Item = {
  release: DetectableRelease;
  start: number;
  end: number;
  /** Whether its conflicts are wanted (one of `involving`, or no `involving`). */
  focus: boolean;
};

/** A freeze occurrence, its ends in epoch milliseconds. */
export type Occurrence = FreezeOccurrenceInput & {
  startMs: number;
  endMs: number;
};

/** A conflict being found: its releases, entities and, for freezes, occurrences. */
export type Accumulator = {
  kind: ConflictKind;
  releases: DetectableRelease[];
  entityRefs: Set<string>;
  detail: string;
  occurrences?: Set<Occurrence>;
};

/** Adds a value to the set under a key. */
export function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Removes a value from the set under a key, and the key with its last value. */
export function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** The two releases of a pair, the earlier first. */
export function ordered(a: Item, b: Item): DetectableRelease[] {
  return a.start < b.start ||
    (a.start === b.start && a.release.id < b.release.id)
    ? [a.release, b.release]
    : [b.release, a.release];
}
