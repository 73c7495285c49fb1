import {
  AuthService,
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ACTIVE_RELEASE_STATES,
  Conflict,
  ConflictsQuery,
  Release,
  Slot,
  SlotsQuery,
} from '@internal/plugin-release-coordination-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { TrainService } from '../trains/TrainService';
import {
  DEFAULT_MAX_CONCURRENT_PER_OWNER,
  detectConflicts,
} from './ConflictDetector';
import {
  buildDependencyGraphData,
  DependencyGraph,
  DependencyGraphData,
  GRAPH_ENTITY_FIELDS,
} from './DependencyGraph';
import { findSlots, freeOf } from './slots';

/** A release as the API returns it: with its own conflicts. */
export type ReleaseWithConflicts = Release & { conflicts: Conflict[] };

const GRAPH_CACHE_KEY = 'conflicts:dependency-graph:v1';
const GRAPH_TTL_MS = 60_000;
/**
 * How long this instance reuses the graph it read or built, without asking
 * the cache again: deserialising and indexing a 10,000-entity graph took
 * most of a request's time. Its reachability memo is kept along with it.
 */
const GRAPH_MEMO_MS = 10_000;
const GRAPH_KINDS = ['Component', 'Resource', 'API'];
const GRAPH_PAGE_SIZE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead the scheduling assistant looks. */
export const SLOT_HORIZON_DAYS = 90;

const ACTIVE = new Set<string>(ACTIVE_RELEASE_STATES);

/**
 * Conflict detection for releases, the conflicts API, blocking conflicts for
 * the gate and the scheduling assistant. Each call loads what it needs in bulk
 * and runs one detection pass.
 *
 * @public
 */
export class ConflictService {
  private readonly store: ReleaseStore;
  private readonly freezes: FreezeService;
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly cache?: CacheService;
  private readonly trains?: Pick<TrainService, 'trainsFor' | 'slotsFor'>;
  private readonly maxConcurrentPerOwner: number;
  private readonly now: () => Date;
  private graphMemo?: { graph: Promise<DependencyGraph>; expires: number };

  constructor(options: {
    store: ReleaseStore;
    freezes: FreezeService;
    catalog: CatalogService;
    auth: AuthService;
    /** Caches the catalog's dependency graph for a minute; without it, it is read per call. */
    cache?: CacheService;
    /** When given, entities with a release train are offered its free slots. */
    trains?: Pick<TrainService, 'trainsFor' | 'slotsFor'>;
    maxConcurrentPerOwner?: number;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.freezes = options.freezes;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.cache = options.cache;
    this.trains = options.trains;
    this.maxConcurrentPerOwner =
      options.maxConcurrentPerOwner ?? DEFAULT_MAX_CONCURRENT_PER_OWNER;
    this.now = options.now ?? (() => new Date());
  }

  /** The conflicts involving any of the given releases, in one pass. */
  async conflictsOf(
    releases: Release[],
    credentials: BackstageCredentials,
  ): Promise<Conflict[]> {
    const focus = releases.filter(r => ACTIVE.has(r.state));
    if (focus.length === 0) return [];
    const from = focus.reduce(
      (min, r) => (r.window.start < min ? r.window.start : min),
      focus[0].window.start,
    );
    const to = focus.reduce(
      (max, r) => (r.window.end > max ? r.window.end : max),
      focus[0].window.end,
    );
    const focusIds = new Set(focus.map(r => r.id));
    const afterIds = focus.flatMap(r => r.after ?? []);
    const [overlapping, predecessors, followers, freezes, graph] =
      await Promise.all([
        this.store.listActiveReleases({ from, to }),
        afterIds.length ? this.store.getReleases(afterIds) : [],
        this.store.listActiveFollowers([...focusIds]),
        this.freezes.freezesApplyingTo(
          [...new Set(focus.flatMap(r => r.entityRefs))],
          { start: from, end: to },
          credentials,
        ),
        this.graph(),
      ]);
    // the given versions win: they may be fresher than what was read
    const byId = new Map<string, Release>();
    for (const r of [...overlapping, ...predecessors, ...followers, ...focus]) {
      byId.set(r.id, r);
    }
    return detectConflicts({
      releases: [...byId.values()],
      freezes,
      graph,
      maxConcurrentPerOwner: this.maxConcurrentPerOwner,
    }).filter(c => c.releaseIds.some(id => focusIds.has(id)));
  }

  /** The releases, each with its own conflicts. */
  async withConflicts(
    releases: Release[],
    credentials: BackstageCredentials,
  ): Promise<ReleaseWithConflicts[]> {
    const conflicts = await this.conflictsOf(releases, credentials);
    const byRelease = new Map<string, Conflict[]>();
    for (const conflict of conflicts) {
      for (const id of conflict.releaseIds) {
        byRelease.set(id, [...(byRelease.get(id) ?? []), conflict]);
      }
    }
    return releases.map(release => ({
      ...release,
      conflicts: byRelease.get(release.id) ?? [],
    }));
  }

  async releaseWithConflicts(
    release: Release,
    credentials: BackstageCredentials,
  ): Promise<ReleaseWithConflicts> {
    return (await this.withConflicts([release], credentials))[0];
  }

  /** The conflicts of the active releases in a range, optionally only those affecting some entities. */
  async listConflicts(
    query: ConflictsQuery,
    credentials: BackstageCredentials,
  ): Promise<Conflict[]> {
    const releases = await this.store.listActiveReleases({
      from: query.from,
      to: query.to,
    });
    const conflicts = await this.conflictsOf(releases, credentials);
    const wanted = query.entityRef?.length ? new Set(query.entityRef) : null;
    return wanted
      ? conflicts.filter(c => c.entityRefs.some(ref => wanted.has(ref)))
      : conflicts;
  }

  /**
   * Gate reasons for the blocking conflicts of the releases covering a deploy;
   * freezes are left to the gate's own freeze check, which knows exemptions.
   */
  async blockingReasons(
    covering: Release[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (covering.length === 0) return [];
    const conflicts = await this.conflictsOf(covering, credentials);
    return conflicts
      .filter(c => c.severity === 'blocking' && c.kind !== 'freeze')
      .map(c => {
        const release = covering.find(r => c.releaseIds.includes(r.id))!;
        return `Blocking ${c.kind} conflict of release "${release.title}": ${c.message}`;
      });
  }

  /**
   * The next windows of a duration in which the entities have no blocking
   * conflict: outside applicable freezes (unless the type is exempt) and not
   * overlapping other active releases of them. When the entities ride a
   * release train, its bookable slots are offered instead.
   */
  async slots(
    query: SlotsQuery,
    credentials: BackstageCredentials,
  ): Promise<Slot[]> {
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: query.entityRef, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    const unknown = query.entityRef.filter((_, i) => !items[i]);
    if (unknown.length > 0) {
      throw new InputError(
        `entityRef: not in the catalog: ${unknown.join(', ')}`,
      );
    }
    const after = new Date(query.after ?? this.now().toISOString());
    const horizon = new Date(
      after.getTime() + SLOT_HORIZON_DAYS * DAY_MS + query.duration,
    );
    const range = { start: after.toISOString(), end: horizon.toISOString() };
    const [freezes, releases, trains] = await Promise.all([
      this.freezes.freezesApplyingTo(query.entityRef, range, credentials),
      this.store.listActiveReleases({
        from: range.start,
        to: range.end,
        entityRefs: query.entityRef,
      }),
      this.trains?.trainsFor(query.entityRef, credentials) ?? [],
    ]);
    const type = query.type ?? 'normal';
    const busy = [
      ...freezes.filter(f => !f.exemptTypes.includes(type)),
      ...releases.map(r => r.window),
    ].map(w => ({ start: Date.parse(w.start), end: Date.parse(w.end) }));
    if (trains.length > 0) {
      const trainSlots = await Promise.all(
        trains.map(train => this.trains!.slotsFor(train, after, horizon)),
      );
      return freeOf(
        trainSlots
          .flat()
          .filter(slot => slot.bookable)
          .map(slot => ({
            start: Date.parse(slot.start),
            end: Date.parse(slot.end),
            trainId: slot.trainId,
          })),
        busy,
      ).slice(0, query.count);
    }
    return findSlots({
      after: after.getTime(),
      horizon: horizon.getTime(),
      duration: query.duration,
      count: query.count,
      busy,
    });
  }

  /**
   * The catalog's dependency graph; with a cache service, one instance is
   * shared by the requests of the next few seconds (concurrent ones too).
   */
  private graph(): Promise<DependencyGraph> {
    if (!this.cache) return this.readGraph();
    const now = Date.now();
    if (this.graphMemo && this.graphMemo.expires > now) {
      return this.graphMemo.graph;
    }
    const graph = this.readGraph();
    const memo = { graph, expires: now + GRAPH_MEMO_MS };
    this.graphMemo = memo;
    graph.catch(() => {
      if (this.graphMemo === memo) this.graphMemo = undefined;
    });
    return graph;
  }

  /** The catalog's dependency graph, read in bulk with the plugin's own credentials. */
  private async readGraph(): Promise<DependencyGraph> {
    const cached = (await this.cache?.get(GRAPH_CACHE_KEY)) as
      | DependencyGraphData
      | undefined;
    if (cached) return new DependencyGraph(cached);
    const credentials = await this.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: GRAPH_PAGE_SIZE, fields: GRAPH_ENTITY_FIELDS }
          : {
              filter: { kind: GRAPH_KINDS },
              limit: GRAPH_PAGE_SIZE,
              fields: GRAPH_ENTITY_FIELDS,
            },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const data = buildDependencyGraphData(entities);
    await this.cache?.set(GRAPH_CACHE_KEY, data as unknown as JsonObject, {
      ttl: GRAPH_TTL_MS,
    });
    return new DependencyGraph(data);
  }
}
