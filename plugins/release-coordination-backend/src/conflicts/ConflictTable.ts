import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Conflict,
  ConflictKind,
  Freeze,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { DependencyGraph } from '../catalogGraph/DependencyGraph';
import {
  ReleasesWritten,
  StoreTransactions,
  TransactionStores,
  WriteListener,
} from '../database/storeTransactions';
import { FreezeService } from '../freezes/FreezeService';
import { lastEndOf } from '../freezes/occurrences';
import {
  DEFAULT_MAX_CONCURRENT_PER_OWNER,
  DetectableRelease,
  detectConflicts,
} from './ConflictDetector';
import { ConflictAudience, StoredConflict } from './ConflictStore';
import { detectInvolving } from './detectInvolving';

/** Before and after every window the table can hold. */
const ALL_TIME = {
  from: '1970-01-01T00:00:00.000Z',
  to: '9999-12-31T00:00:00.000Z',
};

/** The kinds between releases, or a release and a freeze: not the owners' load. */
const INVOLVING_KINDS: ConflictKind[] = [
  'freeze',
  'same-entity',
  'dependency',
  'ordering',
];

/**
 * How the table's contents differ from a full recomputation: conflicts
 * missing from it, stored but no longer found, and stored differently.
 *
 * @public
 */
export interface ConflictDifferences {
  missing: number;
  stale: number;
  changed: number;
}

/** Conflicts as the table keeps them, with their releases' drafts and windows. */
function toStored(
  conflicts: Conflict[],
  audience: ConflictAudience,
  releases: Map<string, DetectableRelease>,
): StoredConflict[] {
  return conflicts.map(conflict => {
    const members = conflict.releaseIds.map(id => releases.get(id)!);
    return {
      conflict,
      audience,
      ...(conflict.kind === 'owner-overload' && {
        ownerRef: members[0].ownerRef,
      }),
      draftIds: members.filter(r => r.state === 'draft').map(r => r.id),
      windows: members.map(r => ({ start: r.window.start, end: r.window.end })),
    };
  });
}

const byId = (releases: DetectableRelease[]) =>
  new Map(releases.map(r => [r.id, r] as const));

/** One text per stored conflict, equal when they are. */
const fingerprint = (stored: StoredConflict) =>
  JSON.stringify([
    stored.conflict,
    stored.audience,
    stored.ownerRef ?? null,
    stored.draftIds,
    stored.windows,
  ]);

const keyOf = (stored: StoredConflict) =>
  `${stored.audience}|${stored.conflict.id}`;

/**
 * Keeps the conflicts table equal to what the detector finds over every
 * active release: inside the transaction of each write to releases and
 * freezes it recomputes the conflicts the write can change, and
 * {@link ConflictTable.reconcile} recomputes everything (catalog changes
 * reach the table that way).
 *
 * - A release written: its conflicts with other releases and freezes (every
 *   such conflict involves it, so no other one changes), and the overload
 *   conflicts of its owners before and after.
 * - A freeze written: the freeze conflicts of the active releases whose
 *   windows overlap the freeze's span before and after.
 *
 * @public
 */
export class ConflictTable implements WriteListener {
  private readonly transactions: StoreTransactions;
  private readonly freezes: Pick<FreezeService, 'freezesApplyingTo'>;
  private readonly catalog: CatalogModel;
  private readonly auth: AuthService;
  private readonly maxConcurrentPerOwner: number;

  constructor(options: {
    transactions: StoreTransactions;
    freezes: Pick<FreezeService, 'freezesApplyingTo'>;
    catalog: CatalogModel;
    auth: AuthService;
    maxConcurrentPerOwner?: number;
  }) {
    this.transactions = options.transactions;
    this.freezes = options.freezes;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.maxConcurrentPerOwner =
      options.maxConcurrentPerOwner ?? DEFAULT_MAX_CONCURRENT_PER_OWNER;
  }

  /** Keeps the table up to date from now on, inside every write. */
  listen() {
    this.transactions.setListener(this);
  }

  async releasesWritten(
    stores: TransactionStores,
    change: ReleasesWritten,
  ): Promise<void> {
    await stores.conflictStore.lockForRefresh();
    const credentials = await this.auth.getOwnServiceCredentials();
    const written = await stores.releaseStore.getReleases(change.releaseIds);
    const found = await detectInvolving(written, {
      store: stores.releaseStore,
      freezes: (entityRefs, window) =>
        this.freezes.freezesApplyingTo(
          entityRefs,
          window,
          credentials,
          stores.freezeStore,
        ),
      graph: () => this.graph(),
      maxConcurrentPerOwner: this.maxConcurrentPerOwner,
      draftOwnerRefs: async () => undefined,
      visibleTo: async releases => releases,
    });
    await stores.conflictStore.replaceInvolving(
      change.releaseIds,
      INVOLVING_KINDS,
      toStored(
        found.conflicts.filter(c => c.kind !== 'owner-overload'),
        'all',
        byId(found.releases),
      ),
    );
    const owned = await stores.releaseStore.listActiveCandidates({
      ...ALL_TIME,
      ownerRefs: change.ownerRefs,
    });
    await stores.conflictStore.replaceOverloads(
      change.ownerRefs,
      this.overloads(owned),
    );
  }

  async freezesWritten(
    stores: TransactionStores,
    change: { freezes: Freeze[] },
  ): Promise<void> {
    await stores.conflictStore.lockForRefresh();
    const lists = [];
    for (const freeze of change.freezes) {
      lists.push(
        ...(await stores.releaseStore.listActiveReleases({
          from: freeze.start,
          to: lastEndOf(freeze)?.toISOString() ?? ALL_TIME.to,
        })),
      );
    }
    const releases = [...byId(lists).values()];
    if (releases.length === 0) return;
    const ids = releases.map(r => r.id);
    const credentials = await this.auth.getOwnServiceCredentials();
    const conflicts = detectConflicts({
      releases,
      freezes: await this.occurrences(stores, releases, credentials),
      involving: new Set(ids),
    }).filter(c => c.kind === 'freeze');
    await stores.conflictStore.replaceInvolving(
      ids,
      ['freeze'],
      toStored(conflicts, 'all', byId(releases)),
    );
  }

  /**
   * Recomputes every conflict over every active release and makes the
   * table equal to it, in one transaction that writes wait for; returns
   * what differed.
   */
  async reconcile(): Promise<ConflictDifferences> {
    return this.transactions.run(async stores => {
      await stores.conflictStore.lockForRefresh();
      const expected = new Map(
        (await this.computeAll(stores)).map(c => [keyOf(c), c] as const),
      );
      const actual = new Map(
        (await stores.conflictStore.listAll()).map(c => [keyOf(c), c] as const),
      );
      const differences = { missing: 0, stale: 0, changed: 0 };
      const remove = new Map<ConflictAudience, string[]>();
      const insert: StoredConflict[] = [];
      const drop = (stored: StoredConflict) =>
        remove.set(stored.audience, [
          ...(remove.get(stored.audience) ?? []),
          stored.conflict.id,
        ]);
      for (const [key, stored] of actual) {
        const wanted = expected.get(key);
        if (!wanted) {
          differences.stale += 1;
          drop(stored);
        } else if (fingerprint(wanted) !== fingerprint(stored)) {
          differences.changed += 1;
          drop(stored);
          insert.push(wanted);
        }
      }
      for (const [key, wanted] of expected) {
        if (!actual.has(key)) {
          differences.missing += 1;
          insert.push(wanted);
        }
      }
      for (const [audience, ids] of remove) {
        await stores.conflictStore.remove(audience, ids);
      }
      await stores.conflictStore.insert(insert);
      return differences;
    });
  }

  /** Every conflict the detector finds over every active release, as the table should hold them. */
  private async computeAll(
    stores: TransactionStores,
  ): Promise<StoredConflict[]> {
    const releases = await stores.releaseStore.listActiveReleases(ALL_TIME);
    if (releases.length === 0) return [];
    const credentials = await this.auth.getOwnServiceCredentials();
    const conflicts = detectConflicts({
      releases,
      freezes: await this.occurrences(stores, releases, credentials),
      graph: await this.graph(),
      maxConcurrentPerOwner: this.maxConcurrentPerOwner,
    });
    return [
      ...toStored(conflicts, 'all', byId(releases)),
      ...this.overloads(releases).filter(c => c.audience === 'committed'),
    ];
  }

  /** The freeze occurrences applying to the releases in their span, read in the transaction. */
  private occurrences(
    stores: TransactionStores,
    releases: DetectableRelease[],
    credentials: BackstageCredentials,
  ) {
    let [start, end] = [Infinity, -Infinity];
    for (const { window } of releases) {
      start = Math.min(start, Date.parse(window.start));
      end = Math.max(end, Date.parse(window.end));
    }
    return this.freezes.freezesApplyingTo(
      [...new Set(releases.flatMap(r => r.entityRefs))],
      {
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
      },
      credentials,
      stores.freezeStore,
    );
  }

  /** The owner-overload conflicts among releases, over all of them and over those that are no drafts. */
  private overloads(releases: DetectableRelease[]): StoredConflict[] {
    const releasesById = byId(releases);
    const of = (some: DetectableRelease[], audience: ConflictAudience) =>
      toStored(
        detectConflicts({
          releases: some,
          maxConcurrentPerOwner: this.maxConcurrentPerOwner,
        }).filter(c => c.kind === 'owner-overload'),
        audience,
        releasesById,
      );
    return [
      ...of(releases, 'all'),
      ...of(
        releases.filter(r => r.state !== 'draft'),
        'committed',
      ),
    ];
  }

  /** The dependency view of the catalog model's current graph. */
  private async graph(): Promise<DependencyGraph> {
    return DependencyGraph.of(await this.catalog.graph());
  }
}
