import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { checkScopeInCatalog } from '../catalogGraph/checkInCatalog';
import { requirePermission } from '../permissions/requirePermission';
import {
  CreateFreezeInput,
  DEFAULT_FREEZE_EXEMPT_TYPES,
  Freeze,
  FreezeOccurrence,
  FreezeOccurrencesQuery,
  FreezeScope,
  freezeManagePermission,
  freezeTimesIssues,
  GateResult,
  instantText,
  ListFreezesQuery,
  Page,
  Release,
  ReleaseType,
  UpdateFreezeInput,
} from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { FreezeFields, FreezeStore } from '../database/FreezeStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import {
  coveredBy,
  coveringItems,
  EntityPlacement,
  FreezeEvaluator,
} from './FreezeEvaluator';
import { GateBlock } from './gateBlocks';
import { releasesCovering } from './gateReleases';
import { gateVerdict } from './gateVerdict';
import { KeptAtRevision, ListingCache } from '../listingCache/ListingCache';
import { DAY_MS, utcDayOf } from '../time';
import { lastEndOf, startMatchesRule } from './occurrences';
import { OccurrenceMemo } from './OccurrenceMemo';
import { assertRevision } from '../revisions';
import { UserCredentials } from '../credentials';

/**
 * An occurrence of a freeze that applies to some of the entities asked about.
 *
 * @public
 */
export interface ApplicableFreeze extends FreezeOccurrence {
  /** The entities asked about that the freeze covers. */
  entityRefs: string[];
}

/** Reads without keeping, for a service built without kept listings. */
const computeNow: KeptAtRevision = (_key, compute) => compute();

/**
 * The rules of freezes: CRUD with revisions, scope checks against the catalog,
 * permission checks, occurrence expansion, and the deploy gate.
 *
 * @public
 */
export class FreezeService {
  private readonly store: FreezeStore;
  private readonly releases: ReleaseStore;
  private readonly catalog: CatalogModel;
  private readonly permissions: PermissionsService;
  private readonly evaluator: FreezeEvaluator;
  private readonly occurrences = new OccurrenceMemo();
  private readonly defaultExemptTypes: ReleaseType[];
  private readonly now: () => Date;
  private readonly appBaseUrl: string;
  private readonly listings?: Pick<ListingCache, 'atRevision'>;
  private readonly gateChecks: ((entityRef: string) => Promise<GateBlock[]>)[] =
    [];
  private readonly coveringChecks: ((
    covering: Release[],
  ) => Promise<GateBlock[]>)[] = [];

  constructor(options: {
    store: FreezeStore;
    releases: ReleaseStore;
    catalog: CatalogModel;
    permissions: PermissionsService;
    /** Defaults to `DEFAULT_FREEZE_EXEMPT_TYPES`. */
    defaultExemptTypes?: readonly ReleaseType[];
    /** `app.baseUrl`, for the gate's links to what blocks a deploy. */
    appBaseUrl?: string;
    /** The clock, for tests. */
    now?: () => Date;
    /** Where the gate keeps what it reads between writes; without, it reads every time. */
    listings?: Pick<ListingCache, 'atRevision'>;
  }) {
    this.listings = options.listings;
    this.appBaseUrl = options.appBaseUrl ?? '';
    this.store = options.store;
    this.releases = options.releases;
    this.catalog = options.catalog;
    this.permissions = options.permissions;
    this.evaluator = new FreezeEvaluator(options.catalog);
    this.defaultExemptTypes = [
      ...(options.defaultExemptTypes ?? DEFAULT_FREEZE_EXEMPT_TYPES),
    ];
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Adds a check whose reasons prevent every deploy of an entity (e.g. a
   * rollback in progress); kept like {@link FreezeService.addCoveringCheck}'s.
   */
  addGateCheck(check: (entityRef: string) => Promise<GateBlock[]>) {
    this.gateChecks.push(check);
  }

  /**
   * Adds a check whose reasons prevent a deploy given the releases covering
   * it (e.g. their blocking conflicts). Like every gate check, its answer
   * may depend only on what the listing revision covers: it is kept.
   */
  addCoveringCheck(check: (covering: Release[]) => Promise<GateBlock[]>) {
    this.coveringChecks.push(check);
  }

  async listFreezes(query: ListFreezesQuery): Promise<Page<Freeze>> {
    return this.store.listFreezes(query);
  }

  async getFreeze(id: string): Promise<Freeze> {
    const freeze = await this.store.getFreeze(id);
    if (!freeze) {
      throw new NotFoundError(`Freeze ${id} not found`);
    }
    return freeze;
  }

  async createFreeze(
    input: CreateFreezeInput,
    credentials: UserCredentials,
  ): Promise<Freeze> {
    await this.authorize(credentials);
    this.checkRule(input);
    await this.checkScope(input.scope, credentials);
    const now = this.now().toISOString();
    return this.store.createFreeze({
      id: randomUUID(),
      title: input.title,
      description: input.description,
      scope: input.scope,
      start: input.start,
      end: input.end,
      ...(input.recurrence && { recurrence: input.recurrence }),
      exemptTypes: input.exemptTypes ?? this.defaultExemptTypes,
      createdBy: credentials.principal.userEntityRef,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    });
  }

  /** Edits a freeze that has not been ended, if the caller saw its latest revision. */
  async updateFreeze(
    id: string,
    input: UpdateFreezeInput,
    credentials: UserCredentials,
  ): Promise<Freeze> {
    await this.authorize(credentials);
    const current = await this.getFreeze(id);
    if (current.endedAt) {
      throw new ConflictError(
        `Freeze ${id} was ended at ${current.endedAt} and can no longer be edited`,
      );
    }
    assertRevision(`Freeze ${id}`, current.revision, input.revision);
    const { revision, recurrence, ...fields } = input;
    const merged = {
      start: fields.start ?? current.start,
      end: fields.end ?? current.end,
      recurrence:
        recurrence === null ? undefined : recurrence ?? current.recurrence,
    };
    const issues = freezeTimesIssues(merged);
    if (issues.length > 0) {
      throw new InputError(
        issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    this.checkRule(merged);
    if (fields.scope) {
      await this.checkScope(fields.scope, credentials);
    }
    return this.store.updateFreeze({
      id,
      revision,
      fields: { ...fields, recurrence } as Partial<FreezeFields>,
      updatedAt: this.now().toISOString(),
    });
  }

  /** Ends a freeze now: no occurrence reaches beyond this moment. */
  async endFreeze(
    id: string,
    input: { reason?: string },
    credentials: UserCredentials,
  ): Promise<Freeze> {
    await this.authorize(credentials);
    const current = await this.getFreeze(id);
    const now = this.now();
    if (current.endedAt) {
      throw new ConflictError(
        `Freeze "${current.title}" was already ended on ${instantText(
          current.endedAt,
        )}`,
      );
    }
    const lastEnd = lastEndOf(current);
    if (lastEnd && lastEnd <= now) {
      throw new ConflictError(`Freeze "${current.title}" is already over`);
    }
    return this.store.updateFreeze({
      id,
      revision: current.revision,
      fields: { endedAt: now.toISOString(), endReason: input.reason },
      updatedAt: now.toISOString(),
    });
  }

  async deleteFreeze(id: string, credentials: UserCredentials): Promise<void> {
    await this.authorize(credentials);
    if (!(await this.store.deleteFreeze(id))) {
      throw new NotFoundError(`Freeze ${id} not found`);
    }
  }

  /**
   * The freeze occurrences overlapping a range, in order of start; with
   * `entityRef`, only those that apply to any of these entities.
   */
  async listOccurrences(
    query: FreezeOccurrencesQuery,
    credentials: BackstageCredentials,
  ): Promise<FreezeOccurrence[]> {
    const window = { start: query.from, end: query.to };
    const freezes = await this.store.listFreezesInRange({
      from: query.from,
      to: query.to,
    });
    const applying = query.entityRef?.length
      ? this.covering(
          freezes,
          await this.placeAll(freezes, query.entityRef, credentials),
        ).map(({ freeze }) => freeze)
      : freezes;
    return sortOccurrences(
      (await this.occurrencesOfEach(applying, window)).flat(),
    );
  }

  /**
   * The occurrences of freezes in a window that apply to any of the given
   * entities, each naming which of them it covers. Entities are placed in the
   * catalog (systems, domains, owners) as the caller sees it, in bulk.
   * `store` reads the freezes in a write's transaction.
   */
  async freezesApplyingTo(
    entityRefs: string[],
    window: { start: string; end: string },
    credentials: BackstageCredentials,
    store: Pick<FreezeStore, 'listFreezesInRange'> = this.store,
  ): Promise<ApplicableFreeze[]> {
    const freezes = await store.listFreezesInRange({
      from: window.start,
      to: window.end,
    });
    return sortOccurrences(
      await this.applicable(
        this.covering(
          freezes,
          await this.placeAll(freezes, entityRefs, credentials),
        ),
        window,
      ),
    );
  }

  /** The freezes (read while the entity is placed) that cover the entity. */
  private async coveringEntity(
    placing: Promise<Map<string, EntityPlacement>>,
    entityRef: string,
    reading: Promise<Freeze[]>,
  ): Promise<{ freeze: Freeze; covered: string[] }[]> {
    const [freezes, placements] = await Promise.all([reading, placing]);
    return coveringItems(freezes, placements.get(entityRef)!).map(freeze => ({
      freeze,
      covered: [entityRef],
    }));
  }

  /** The entities placed in the catalog, unless there is no freeze to place them in. */
  private async placeAll(
    freezes: Freeze[],
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<EntityPlacement[]> {
    if (freezes.length === 0 || entityRefs.length === 0) return [];
    return [...(await this.evaluator.place(entityRefs, credentials)).values()];
  }

  /** The freezes covering any of the placed entities, each with those it covers. */
  private covering(
    freezes: Freeze[],
    placements: EntityPlacement[],
  ): { freeze: Freeze; covered: string[] }[] {
    const covers = coveredBy(placements);
    return freezes
      .map(freeze => ({
        freeze,
        covered: covers(freeze.scope).map(p => p.entityRef),
      }))
      .filter(({ covered }) => covered.length > 0);
  }

  /** The occurrences in a window of freezes covering entities, each naming them. */
  private async applicable(
    covering: { freeze: Freeze; covered: string[] }[],
    window: { start: string; end: string },
  ): Promise<ApplicableFreeze[]> {
    const occurrences = await this.occurrencesOfEach(
      covering.map(({ freeze }) => freeze),
      window,
    );
    return covering.flatMap(({ covered }, i) =>
      occurrences[i].map(occurrence => ({
        ...occurrence,
        entityRefs: covered,
      })),
    );
  }

  /**
   * The occurrences of each freeze in a window, yielding to the event loop
   * before each freeze of a window longer than a day: a year of a few
   * freezes is thousands of occurrences, and other requests (and `/health`)
   * get their turn in between.
   */
  private async occurrencesOfEach(
    freezes: Freeze[],
    window: { start: string; end: string },
  ): Promise<FreezeOccurrence[][]> {
    const long = Date.parse(window.end) - Date.parse(window.start) > DAY_MS;
    const occurrences: FreezeOccurrence[][] = [];
    for (const freeze of freezes) {
      if (long) await setImmediate();
      occurrences.push(this.occurrencesOf(freeze, window));
    }
    return occurrences;
  }

  /**
   * Whether the entity may be deployed at `at` (see {@link gateVerdict}):
   * only inside the window of an approved or in-progress release of it, and
   * outside every applicable freeze unless that release is of a type the
   * freeze exempts. What it reads from the database (the day's freezes and
   * releases of the entity, the checks) is kept at the listing revision, so
   * that a pipeline asking again reads nothing but the revision.
   */
  async gate(
    query: { entityRef: string; at?: string },
    credentials: BackstageCredentials,
  ): Promise<GateResult> {
    const { entityRef } = query;
    const at = query.at ?? this.now().toISOString();
    const window = {
      start: at,
      end: new Date(Date.parse(at) + 1).toISOString(),
    };
    // kept: what the instant's UTC day holds; otherwise the instant's
    const kept = await this.listings?.atRevision();
    const keep = kept ?? computeNow;
    const day = utcDayOf(at);
    const placing = this.evaluator.place([entityRef], credentials);
    const [placements, coveringFreezes, covering] = await Promise.all([
      placing,
      this.coveringEntity(
        placing,
        entityRef,
        keep(`gate freezes ${day.from}`, () =>
          this.store.listFreezesInRange(
            kept ? day : { from: window.start, to: window.end },
          ),
        ),
      ),
      releasesCovering(this.releases, { entityRef, at, day }, kept),
    ]);
    if (!placements.get(entityRef)!.found) {
      throw new InputError(`entityRef: ${entityRef} is not in the catalog`);
    }
    const [applying, more] = await Promise.all([
      this.applicable(coveringFreezes, window),
      keep(`gate checks ${entityRef} ${covering.map(r => r.id)}`, () =>
        this.checkGate(entityRef, covering),
      ),
    ]);
    return gateVerdict({
      entityRef,
      at,
      covering,
      applying,
      more,
      appBaseUrl: this.appBaseUrl,
    });
  }

  /** The reasons of the gate checks to prevent a deploy of the entity. */
  private async checkGate(
    entityRef: string,
    covering: Release[],
  ): Promise<GateBlock[]> {
    const reasons = await Promise.all([
      ...this.coveringChecks.map(check => check(covering)),
      ...this.gateChecks.map(check => check(entityRef)),
    ]);
    return reasons.flat();
  }

  private occurrencesOf(
    freeze: Freeze,
    window: { start: string; end: string },
  ): FreezeOccurrence[] {
    return this.occurrences
      .expand(freeze, new Date(window.start), new Date(window.end))
      .map(({ start, end }) => ({
        freezeId: freeze.id,
        title: freeze.title,
        start: start.toISOString(),
        end: end.toISOString(),
        scope: freeze.scope,
        exemptTypes: freeze.exemptTypes,
      }));
  }

  private async authorize(credentials: UserCredentials) {
    await requirePermission(
      this.permissions,
      { permission: freezeManagePermission },
      credentials,
    );
  }

  /** A recurring freeze must start on an occurrence of its own rule. */
  private checkRule(freeze: Pick<Freeze, 'start' | 'end' | 'recurrence'>) {
    if (freeze.recurrence && !startMatchesRule(freeze)) {
      throw new InputError(
        `start: ${freeze.start} is not an occurrence of recurrence.rrule ${freeze.recurrence.rrule} in ${freeze.recurrence.timezone}; start must be the first occurrence`,
      );
    }
  }

  /** Every ref of a scope must be in the catalog, of its field's kind, as the caller sees it. */
  private async checkScope(scope: FreezeScope, credentials: UserCredentials) {
    await checkScopeInCatalog(
      this.catalog,
      scope,
      {
        domains: 'domain',
        systems: 'system',
        groups: 'group',
        entities: undefined,
      },
      credentials,
    );
  }
}

function sortOccurrences<T extends FreezeOccurrence>(items: T[]): T[] {
  return items.sort(
    (a, b) =>
      a.start.localeCompare(b.start) || a.freezeId.localeCompare(b.freezeId),
  );
}
