import {
  Conflict,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { addTo, Item, removeFrom } from './model';
import { conflictId, fmt, name, SEVERITY } from './wording';

/** A stretch of time in which an owner has more active releases than allowed. */
export type Overload = { owner: string; items: Item[]; peak: number };

/** Owners with more than `maxPerOwner` releases open at once, one overload per unbroken stretch. */
export class OwnerLoad {
  private readonly activeByOwner = new Map<string, Set<Item>>();
  private readonly episodes = new Map<
    string,
    { items: Set<Item>; peak: number }
  >();
  private readonly overloads: Overload[] = [];

  constructor(private readonly maxPerOwner: number) {}

  /** A release's window opens. */
  add(item: Item) {
    const owner = item.release.ownerRef;
    addTo(this.activeByOwner, owner, item);
    const owned = this.activeByOwner.get(owner)!;
    if (owned.size <= this.maxPerOwner) return;
    const episode = this.episodes.get(owner);
    if (episode) {
      episode.items.add(item);
      episode.peak = Math.max(episode.peak, owned.size);
    } else {
      this.episodes.set(owner, { items: new Set(owned), peak: owned.size });
    }
  }

  /** A release's window closes; its owner's overload ends when back within the limit. */
  remove(item: Item) {
    const owner = item.release.ownerRef;
    removeFrom(this.activeByOwner, owner, item);
    const episode = this.episodes.get(owner);
    if (
      episode &&
      (this.activeByOwner.get(owner)?.size ?? 0) <= this.maxPerOwner
    ) {
      this.overloads.push({
        owner,
        items: [...episode.items],
        peak: episode.peak,
      });
      this.episodes.delete(owner);
    }
  }

  /** Every overload, those still open at the end of the sweep last. */
  finish(): Overload[] {
    for (const [owner, episode] of this.episodes) {
      this.overloads.push({
        owner,
        items: [...episode.items],
        peak: episode.peak,
      });
    }
    return this.overloads;
  }
}

/** An owner with too many releases at once. */
export function describeOverload(overload: Overload, max: number): Conflict {
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
    message: `${entityName(overload.owner)} owns up to ${
      overload.peak
    } active releases at the same time between ${fmt(from)} and ${fmt(
      to,
    )} (limit ${max}): ${items.map(i => name(i.release)).join(', ')}.`,
    suggestion: `Spread these releases out so that at most ${max} run at once, or hand some to another team.`,
  };
}
