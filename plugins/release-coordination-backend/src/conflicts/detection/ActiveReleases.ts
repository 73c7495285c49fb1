import { DependencyGraph } from '../../catalogGraph/DependencyGraph';
import { addTo, Item, removeFrom } from './model';

/** An active release with one of its entities, filed under that entity's system. */
export type SystemEntry = [Item, string];

/**
 * The releases whose windows are open at a point of the sweep, by entity and
 * by system: every active one, and the active focus ones (with no
 * `involving`, the same maps). A release that is not wanted pairs only with
 * focus releases, since a pair of two others is not wanted.
 */
export class ActiveReleases {
  readonly byEntity = new Map<string, Set<Item>>();
  readonly bySystem = new Map<string, Set<SystemEntry>>();
  readonly focusByEntity: Map<string, Set<Item>>;
  readonly focusBySystem: Map<string, Set<SystemEntry>>;
  private readonly systemEntries = new Map<Item, [string, SystemEntry][]>();

  constructor(
    private readonly graph: DependencyGraph,
    private readonly involving: boolean,
  ) {
    this.focusByEntity = involving ? new Map() : this.byEntity;
    this.focusBySystem = involving ? new Map() : this.bySystem;
  }

  /** The releases a starting one can be in a wanted conflict with. */
  candidatesFor(item: Item) {
    return item.focus
      ? { byEntity: this.byEntity, bySystem: this.bySystem }
      : { byEntity: this.focusByEntity, bySystem: this.focusBySystem };
  }

  /** A release's window opens. */
  add(item: Item) {
    const focusToo = this.involving && item.focus;
    for (const ref of item.release.entityRefs) {
      addTo(this.byEntity, ref, item);
      if (focusToo) addTo(this.focusByEntity, ref, item);
      const system = this.graph.systemOf(ref);
      if (system) {
        const entry: SystemEntry = [item, ref];
        addTo(this.bySystem, system, entry);
        if (focusToo) addTo(this.focusBySystem, system, entry);
        const entries = this.systemEntries.get(item) ?? [];
        entries.push([system, entry]);
        this.systemEntries.set(item, entries);
      }
    }
  }

  /** A release's window closes. */
  remove(item: Item) {
    for (const ref of item.release.entityRefs) {
      removeFrom(this.byEntity, ref, item);
      if (item.focus) removeFrom(this.focusByEntity, ref, item);
    }
    for (const [system, entry] of this.systemEntries.get(item) ?? []) {
      removeFrom(this.bySystem, system, entry);
      if (item.focus) removeFrom(this.focusBySystem, system, entry);
    }
    this.systemEntries.delete(item);
  }
}
