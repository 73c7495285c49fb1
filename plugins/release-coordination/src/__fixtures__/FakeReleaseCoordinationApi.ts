import { ResponseError } from '@backstage/errors';
import {
  ApprovalDecisionRequest,
  CalendarFeed,
  CheckReadinessItemRequest,
  CalendarFilters,
  Conflict,
  CreateFreezeRequest,
  createFreezeRequestSchema,
  CreateReleaseRequest,
  createReleaseRequestSchema,
  Freeze,
  FreezeOccurrence,
  ImpactReport,
  ImpactRequest,
  isTransitionAllowed,
  Page,
  Release,
  ReleaseApprovals,
  ReleaseEvent,
  ReleaseReadiness,
  RiskLevel,
  Slot,
  Train,
  TrainSlot,
  TrainStats,
  TransitionReleaseRequest,
  UpdateFreezeRequest,
  UpcomingImpactItem,
  UpdateReleaseRequest,
  HandoverRequest,
  StandardChange,
} from '@internal/plugin-release-coordination-common';
import {
  EndFreezeRequest,
  ListConflictsRequest,
  ListFreezeOccurrencesRequest,
  ListFreezesRequest,
  ListReleasesRequest,
  ListTrainSlotsRequest,
  ListUpcomingImpactRequest,
  ReleaseCoordinationApi,
  SuggestSlotsRequest,
  TrainStatsRequest,
} from '../api/ReleaseCoordinationApi';

/** A release with sensible defaults, for tests. */
export function makeRelease(overrides: Partial<Release> = {}): Release {
  return {
    id: 'r1',
    title: 'Payments 2.1',
    version: '2.1.0',
    type: 'normal',
    state: 'draft',
    window: {
      start: '2030-03-01T09:00:00.000Z',
      end: '2030-03-01T11:00:00.000Z',
    },
    entityRefs: ['component:default/payments-api'],
    ownerRef: 'group:default/payments',
    description: '',
    changes: [],
    createdBy: 'user:default/alice',
    createdAt: '2030-02-01T09:00:00.000Z',
    updatedAt: '2030-02-01T09:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

/** A freeze occurrence with sensible defaults, for tests. */
export function makeFreezeOccurrence(
  overrides: Partial<FreezeOccurrence> = {},
): FreezeOccurrence {
  return {
    freezeId: 'f1',
    title: 'Quarter-end freeze',
    start: '2030-03-01T00:00:00.000Z',
    end: '2030-03-03T00:00:00.000Z',
    scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
    exemptTypes: ['emergency', 'security'],
    ...overrides,
  };
}

/** A freeze with sensible defaults (one-off, everything), for tests. */
export function makeFreeze(overrides: Partial<Freeze> = {}): Freeze {
  return {
    id: 'f1',
    title: 'Quarter-end freeze',
    description: '',
    scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
    start: '2030-03-01T00:00:00.000Z',
    end: '2030-03-03T00:00:00.000Z',
    exemptTypes: ['emergency', 'security'],
    createdBy: 'user:default/alice',
    createdAt: '2030-02-01T09:00:00.000Z',
    updatedAt: '2030-02-01T09:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

/** A conflict with sensible defaults (a blocking freeze conflict of r1), for tests. */
export function makeConflict(overrides: Partial<Conflict> = {}): Conflict {
  return {
    id: 'freeze:f1:r1',
    kind: 'freeze',
    severity: 'blocking',
    releaseIds: ['r1'],
    entityRefs: ['component:default/payments-api'],
    message: 'Payments 2.1 falls into the freeze "Quarter-end freeze"',
    suggestion: 'Move the release out of the freeze or override it',
    ...overrides,
  };
}

/** A release train with sensible defaults (weekly on Tuesdays), for tests. */
export function makeTrain(overrides: Partial<Train> = {}): Train {
  return {
    id: 't1',
    name: 'Commerce train',
    description: '',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    timezone: 'Europe/Berlin',
    start: '2030-01-01T09:00:00.000Z',
    slotDuration: 'PT2H',
    cutoff: 'P2D',
    scope: { systems: ['system:default/payments'], entities: [] },
    createdBy: 'user:default/alice',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

/** Approvals of a release (one pending owner group the caller may decide for), for tests. */
export function makeApprovals(
  overrides: Partial<ReleaseApprovals> = {},
): ReleaseApprovals {
  return {
    rule: 'owners',
    round: 1,
    required: [
      {
        groupRef: 'group:default/payments',
        reason: 'owner',
        entityRefs: ['component:default/payments-api'],
        phase: 'before',
        status: 'pending',
      },
    ],
    decisions: [],
    pending: ['group:default/payments'],
    pendingAfter: [],
    overdue: [],
    complete: false,
    rejected: false,
    mayDecide: ['group:default/payments'],
    ...overrides,
  };
}

/**
 * The readiness of a release (approvals missing, a manual item unchecked, the
 * rest passed), for tests.
 */
export function makeReadiness(
  overrides: Partial<ReleaseReadiness> = {},
): ReleaseReadiness {
  const readiness: ReleaseReadiness = {
    verdict: 'not-ready',
    blocking: [],
    items: [
      {
        id: 'approvals',
        label: 'Approvals complete',
        kind: 'automatic',
        passed: false,
        facts: ['Waiting for group:default/payments'],
      },
      {
        id: 'no-blocking-conflict',
        label: 'No blocking conflict',
        kind: 'automatic',
        passed: true,
        facts: ['No conflicts'],
      },
      {
        id: 'rollback-plan',
        label: 'Rollback plan reviewed',
        kind: 'manual',
        passed: false,
        facts: [],
      },
    ],
    ...overrides,
  };
  return overrides.blocking ? readiness : withVerdict(readiness);
}

/** A deep copy, so that callers never share the fake's state. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** The readiness with the verdict and blocking reasons of its items. */
function withVerdict(readiness: ReleaseReadiness): ReleaseReadiness {
  const failed = readiness.items.filter(item => !item.passed);
  readiness.verdict = failed.length ? 'not-ready' : 'ready';
  readiness.blocking = failed.map(item => `${item.label}: not passed`);
  return readiness;
}

/** The approvals with statuses, pending groups and flags of their decisions. */
function withApprovalState(approvals: ReleaseApprovals): ReleaseApprovals {
  for (const required of approvals.required) {
    const decision = approvals.decisions.find(
      d => d.groupRef === required.groupRef,
    );
    if (decision) {
      required.status =
        decision.decision === 'approve' ? 'approved' : 'rejected';
    } else if (required.phase === 'before') {
      required.status = 'pending';
    } else if (required.status !== 'overdue') {
      required.status = 'pending-after';
    }
  }
  approvals.pending = approvals.required
    .filter(r => r.status === 'pending')
    .map(r => r.groupRef);
  approvals.pendingAfter = approvals.required
    .filter(r => r.status === 'pending-after' || r.status === 'overdue')
    .map(r => r.groupRef);
  approvals.overdue = approvals.required
    .filter(r => r.status === 'overdue')
    .map(r => r.groupRef);
  approvals.rejected = approvals.decisions.some(d => d.decision === 'reject');
  approvals.complete = approvals.pending.length === 0 && !approvals.rejected;
  return approvals;
}

/**
 * Whether a release matches the filters of a listing that the fake can check
 * without a catalog: window overlap, state, type, owner and entities.
 */
function matches(release: Release, request: ListReleasesRequest): boolean {
  const { from, to, state, type, owner, entityRef } = request;
  if (from && Date.parse(release.window.end) < Date.parse(from)) return false;
  if (to && Date.parse(release.window.start) > Date.parse(to)) return false;
  if (state?.length && !state.includes(release.state)) return false;
  if (type?.length && !type.includes(release.type)) return false;
  if (owner && release.ownerRef !== owner) return false;
  if (entityRef?.length && !entityRef.some(r => release.entityRefs.includes(r)))
    return false;
  return true;
}

async function errorResponse(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ) as any,
  );
}

/**
 * An in-memory {@link ReleaseCoordinationApi} that records its calls. Pages of
 * `listReleases` come from `pages` (by cursor) when set, else from `releases`
 * filtered by window, state, type, owner and entities (not system or domain).
 */
export class FakeReleaseCoordinationApi implements ReleaseCoordinationApi {
  releases: Release[] = [];
  events: Record<string, ReleaseEvent[]> = {};
  listCalls: ListReleasesRequest[] = [];
  freezeOccurrences: FreezeOccurrence[] = [];
  freezeCalls: ListFreezeOccurrencesRequest[] = [];
  createCalls: CreateReleaseRequest[] = [];
  transitionCalls: Array<{ id: string } & TransitionReleaseRequest> = [];
  updateCalls: Array<{ id: string } & UpdateReleaseRequest> = [];
  freezes: Freeze[] = [];
  freezeListCalls: ListFreezesRequest[] = [];
  createFreezeCalls: CreateFreezeRequest[] = [];
  updateFreezeCalls: Array<{ id: string } & UpdateFreezeRequest> = [];
  endFreezeCalls: Array<{ id: string } & EndFreezeRequest> = [];
  deleteFreezeCalls: string[] = [];
  conflicts: Conflict[] = [];
  conflictCalls: ListConflictsRequest[] = [];
  slots: Slot[] = [];
  slotCalls: SuggestSlotsRequest[] = [];
  overrideCalls: Array<{ id: string; reason?: string }> = [];
  trains: Train[] = [];
  /** Slots of each train by its id. */
  trainSlots: Record<string, TrainSlot[]> = {};
  trainSlotCalls: Array<{ id: string } & ListTrainSlotsRequest> = [];
  trainStats: Record<string, Partial<TrainStats>> = {};
  bookCalls: Array<{ releaseId: string; trainId: string; slotStart: string }> =
    [];
  calendarFeeds: CalendarFeed[] = [];
  createFeedCalls: CalendarFilters[] = [];
  deleteFeedCalls: string[] = [];
  icsCalls: CalendarFilters[] = [];
  /** Impact reports of releases by id (`getReleaseImpact`). */
  releaseImpact: Record<string, ImpactReport> = {};
  /** The answer of `getImpact` (hypothetical changes); 404 when unset. */
  hypotheticalImpact?: ImpactReport;
  impactCalls: ImpactRequest[] = [];
  releaseImpactCalls: Array<{ id: string; maxDepth?: number }> = [];
  riskOverrideCalls: Array<{ id: string; level?: RiskLevel; reason?: string }> =
    [];
  upcomingImpact: UpcomingImpactItem[] = [];
  upcomingImpactCalls: ListUpcomingImpactRequest[] = [];
  /** Approvals of releases by id; 404 when unset. */
  approvals: Record<string, ReleaseApprovals> = {};
  /** Readiness of releases by id; 404 when unset. */
  readiness: Record<string, ReleaseReadiness> = {};
  decideCalls: Array<{ id: string } & ApprovalDecisionRequest> = [];
  withdrawCalls: Array<{ id: string; groupRef: string }> = [];
  checkItemCalls: Array<
    { id: string; itemId: string } & CheckReadinessItemRequest
  > = [];
  /** The release ids of each `getReadinessVerdicts` call. */
  verdictCalls: string[][] = [];
  /** Who decides and checks items in the fake. */
  currentUser = 'user:default/alice';
  /** Makes the next calls of a method fail. */
  failures: Partial<Record<keyof ReleaseCoordinationApi, Error>> = {};
  /** Returned by listReleases, keyed by cursor ('' for the first page). */
  pages?: Record<string, Page<Release>>;

  constructor(releases: Release[] = []) {
    this.releases = releases;
  }

  async listReleases(request: ListReleasesRequest = {}) {
    this.listCalls.push(request);
    if (this.failures.listReleases) throw this.failures.listReleases;
    if (this.pages) {
      return this.pages[request.cursor ?? ''] ?? { items: [] };
    }
    return { items: this.releases.filter(r => matches(r, request)) };
  }

  async getRelease(id: string) {
    if (this.failures.getRelease) throw this.failures.getRelease;
    const release = this.releases.find(r => r.id === id);
    if (!release) {
      throw await errorResponse(404, 'NotFoundError', `no release ${id}`);
    }
    return release;
  }

  async createRelease(request: CreateReleaseRequest) {
    this.createCalls.push(request);
    if (this.failures.createRelease) throw this.failures.createRelease;
    const input = createReleaseRequestSchema.parse(request);
    const release = makeRelease({
      ...input,
      id: `r${this.releases.length + 1}`,
      ownerRef: input.ownerRef ?? 'group:default/payments',
    });
    this.releases.push(release);
    return release;
  }

  async updateRelease(id: string, request: UpdateReleaseRequest) {
    this.updateCalls.push({ id, ...request });
    if (this.failures.updateRelease) throw this.failures.updateRelease;
    const release = await this.getRelease(id);
    if (request.revision !== release.revision) {
      throw await errorResponse(
        409,
        'ConflictError',
        `release ${id} is at revision ${release.revision}, not ${request.revision}`,
      );
    }
    const { revision: _revision, ...changes } = request;
    (this.events[id] ??= []).push({
      id: `e${Date.now()}`,
      releaseId: id,
      action: 'updated',
      actorRef: 'user:default/alice',
      createdAt: '2030-02-02T09:00:00.000Z',
      changes: Object.entries(changes).map(([field, after]) => ({
        field,
        before: release[field as keyof Release],
        after,
      })),
    });
    Object.assign(release, changes, { revision: release.revision + 1 });
    return release;
  }

  async transitionRelease(id: string, request: TransitionReleaseRequest) {
    this.transitionCalls.push({ id, ...request });
    if (this.failures.transitionRelease) throw this.failures.transitionRelease;
    const release = await this.getRelease(id);
    if (!isTransitionAllowed(release.state, request.to)) {
      throw await errorResponse(
        409,
        'ConflictError',
        `cannot move a ${release.state} release to ${request.to}`,
      );
    }
    const readiness = this.readiness[id];
    if (request.to === 'in_progress' && readiness?.verdict === 'not-ready') {
      // Like the backend's readiness guard: only emergencies may override.
      const refusal = `Release ${id} is not ready: ${readiness.blocking.join(
        ' | ',
      )}`;
      if (!request.override) {
        throw await errorResponse(409, 'ConflictError', refusal);
      }
      if (release.type !== 'emergency') {
        throw await errorResponse(
          409,
          'ConflictError',
          `${refusal} (only emergency releases may be started with an override)`,
        );
      }
    }
    const before = release.state;
    release.state = request.to;
    release.revision += 1;
    (this.events[id] ??= []).push({
      id: `e${Date.now()}`,
      releaseId: id,
      action: 'transitioned',
      actorRef: 'user:default/alice',
      createdAt: '2030-02-02T09:00:00.000Z',
      changes: [{ field: 'state', before, after: request.to }],
      reason: request.override
        ? `Override: ${request.override.reason}`
        : request.reason,
    });
    return release;
  }

  /** The declared standard changes {@link listStandardChanges} answers. */
  standardChanges: StandardChange[] = [];

  async listStandardChanges() {
    return this.standardChanges;
  }

  async offerHandover(id: string, request: HandoverRequest) {
    const release = await this.getRelease(id);
    release.pendingOwnerRef = request.toGroupRef;
    release.revision += 1;
    return { ...release };
  }

  async acceptHandover(id: string) {
    const release = await this.getRelease(id);
    if (!release.pendingOwnerRef) {
      throw await errorResponse(409, 'ConflictError', 'not offered');
    }
    release.ownerRef = release.pendingOwnerRef;
    delete release.pendingOwnerRef;
    release.handedOverAt = new Date().toISOString();
    release.revision += 1;
    return { ...release };
  }

  async cancelHandover(id: string) {
    const release = await this.getRelease(id);
    delete release.pendingOwnerRef;
    release.revision += 1;
    return { ...release };
  }

  async listReleaseEvents(id: string) {
    if (this.failures.listReleaseEvents) throw this.failures.listReleaseEvents;
    return this.events[id] ?? [];
  }

  async listFreezeOccurrences(request: ListFreezeOccurrencesRequest) {
    this.freezeCalls.push(request);
    if (this.failures.listFreezeOccurrences) {
      throw this.failures.listFreezeOccurrences;
    }
    return this.freezeOccurrences.filter(
      o =>
        Date.parse(o.end) > Date.parse(request.from) &&
        Date.parse(o.start) < Date.parse(request.to),
    );
  }

  async listFreezes(request: ListFreezesRequest = {}) {
    this.freezeListCalls.push(request);
    if (this.failures.listFreezes) throw this.failures.listFreezes;
    return { items: [...this.freezes] };
  }

  async getFreeze(id: string) {
    if (this.failures.getFreeze) throw this.failures.getFreeze;
    const freeze = this.freezes.find(f => f.id === id);
    if (!freeze) {
      throw await errorResponse(404, 'NotFoundError', `no freeze ${id}`);
    }
    return freeze;
  }

  async createFreeze(request: CreateFreezeRequest) {
    this.createFreezeCalls.push(request);
    if (this.failures.createFreeze) throw this.failures.createFreeze;
    const { exemptTypes, ...input } = createFreezeRequestSchema.parse(request);
    const freeze = makeFreeze({
      ...input,
      ...(exemptTypes ? { exemptTypes } : {}),
      id: `f${this.freezes.length + 1}`,
    });
    this.freezes.push(freeze);
    return freeze;
  }

  async updateFreeze(id: string, request: UpdateFreezeRequest) {
    this.updateFreezeCalls.push({ id, ...request });
    if (this.failures.updateFreeze) throw this.failures.updateFreeze;
    const freeze = await this.getFreeze(id);
    const { revision: _revision, recurrence, ...changes } = request;
    Object.assign(freeze, changes, { revision: freeze.revision + 1 });
    if (recurrence === null) delete freeze.recurrence;
    else if (recurrence) {
      freeze.recurrence = { exdates: [], ...recurrence };
    }
    return freeze;
  }

  async endFreeze(id: string, request: EndFreezeRequest = {}) {
    this.endFreezeCalls.push({ id, ...request });
    if (this.failures.endFreeze) throw this.failures.endFreeze;
    const freeze = await this.getFreeze(id);
    freeze.endedAt = new Date().toISOString();
    if (request.reason) freeze.endReason = request.reason;
    freeze.revision += 1;
    return freeze;
  }

  async deleteFreeze(id: string) {
    this.deleteFreezeCalls.push(id);
    if (this.failures.deleteFreeze) throw this.failures.deleteFreeze;
    await this.getFreeze(id);
    this.freezes = this.freezes.filter(f => f.id !== id);
  }

  async listConflicts(request: ListConflictsRequest) {
    this.conflictCalls.push(request);
    if (this.failures.listConflicts) throw this.failures.listConflicts;
    return this.conflicts;
  }

  async suggestSlots(request: SuggestSlotsRequest) {
    this.slotCalls.push(request);
    if (this.failures.suggestSlots) throw this.failures.suggestSlots;
    return this.slots.slice(0, request.count ?? 5);
  }

  async overrideFreeze(id: string, request: { reason: string }) {
    this.overrideCalls.push({ id, reason: request.reason });
    if (this.failures.overrideFreeze) throw this.failures.overrideFreeze;
    const release = await this.getRelease(id);
    release.freezeOverride = {
      reason: request.reason,
      by: 'user:default/alice',
      at: '2030-02-02T09:00:00.000Z',
    };
    release.conflicts = release.conflicts?.filter(c => c.kind !== 'freeze');
    release.revision += 1;
    return release;
  }

  async clearFreezeOverride(id: string) {
    this.overrideCalls.push({ id });
    if (this.failures.clearFreezeOverride) {
      throw this.failures.clearFreezeOverride;
    }
    const release = await this.getRelease(id);
    delete release.freezeOverride;
    release.revision += 1;
    return release;
  }

  async listTrains() {
    if (this.failures.listTrains) throw this.failures.listTrains;
    return [...this.trains];
  }

  async listTrainSlots(id: string, request: ListTrainSlotsRequest = {}) {
    this.trainSlotCalls.push({ id, ...request });
    if (this.failures.listTrainSlots) throw this.failures.listTrainSlots;
    return (this.trainSlots[id] ?? []).filter(
      slot =>
        (!request.from || Date.parse(slot.start) >= Date.parse(request.from)) &&
        (!request.to || Date.parse(slot.start) < Date.parse(request.to)),
    );
  }

  async getTrainStats(id: string, request: TrainStatsRequest) {
    if (this.failures.getTrainStats) throw this.failures.getTrainStats;
    return {
      trainId: id,
      rode: 0,
      slipped: 0,
      outOfBand: 0,
      ...this.trainStats[id],
      ...request,
    };
  }

  async bookTrainSlot(
    releaseId: string,
    request: { trainId: string; slotStart: string },
  ) {
    this.bookCalls.push({ releaseId, ...request });
    if (this.failures.bookTrainSlot) throw this.failures.bookTrainSlot;
    const release = await this.getRelease(releaseId);
    const slot = this.trainSlots[request.trainId]?.find(
      s => s.start === request.slotStart,
    );
    if (!slot) {
      throw await errorResponse(400, 'InputError', 'no such slot');
    }
    release.window = { start: slot.start, end: slot.end };
    release.revision += 1;
    slot.releaseIds = [...slot.releaseIds, releaseId];
    return {
      booking: {
        releaseId,
        ...request,
        bookedBy: 'user:default/alice',
        bookedAt: '2030-02-02T09:00:00.000Z',
      },
      release,
    };
  }

  async listCalendarFeeds() {
    if (this.failures.listCalendarFeeds) throw this.failures.listCalendarFeeds;
    return this.calendarFeeds.map(({ url: _url, token: _token, ...f }) => f);
  }

  async createCalendarFeed(filters: CalendarFilters = {}) {
    this.createFeedCalls.push(filters);
    if (this.failures.createCalendarFeed) {
      throw this.failures.createCalendarFeed;
    }
    const id = `feed${this.calendarFeeds.length + 1}`;
    const feed: CalendarFeed = {
      id,
      filters,
      createdAt: '2030-02-02T09:00:00.000Z',
      token: `secret-${id}`,
      url: `http://localhost:7007/api/release-coordination/calendar-feeds/${id}/calendar.ics?token=secret-${id}`,
    };
    this.calendarFeeds.push(feed);
    return feed;
  }

  async deleteCalendarFeed(id: string) {
    this.deleteFeedCalls.push(id);
    if (this.failures.deleteCalendarFeed) {
      throw this.failures.deleteCalendarFeed;
    }
    this.calendarFeeds = this.calendarFeeds.filter(f => f.id !== id);
  }

  async getCalendarIcs(filters: CalendarFilters = {}) {
    this.icsCalls.push(filters);
    if (this.failures.getCalendarIcs) throw this.failures.getCalendarIcs;
    return new Blob(['BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'], {
      type: 'text/calendar',
    });
  }

  async getImpact(request: ImpactRequest) {
    this.impactCalls.push(request);
    if (this.failures.getImpact) throw this.failures.getImpact;
    if (!this.hypotheticalImpact) {
      throw await errorResponse(404, 'NotFoundError', 'no impact');
    }
    return this.hypotheticalImpact;
  }

  async getReleaseImpact(id: string, request: { maxDepth?: number } = {}) {
    this.releaseImpactCalls.push({ id, ...request });
    if (this.failures.getReleaseImpact) throw this.failures.getReleaseImpact;
    const report = this.releaseImpact[id];
    if (!report) {
      throw await errorResponse(404, 'NotFoundError', `no release ${id}`);
    }
    return report;
  }

  async overrideRisk(
    id: string,
    request: { level: RiskLevel; reason: string },
  ) {
    this.riskOverrideCalls.push({ id, ...request });
    if (this.failures.overrideRisk) throw this.failures.overrideRisk;
    const report = this.releaseImpact[id];
    if (report) {
      report.risk = {
        ...report.risk,
        level: request.level,
        override: {
          ...request,
          by: 'user:default/alice',
          at: '2030-02-02T09:00:00.000Z',
        },
      };
    }
  }

  async clearRiskOverride(id: string) {
    this.riskOverrideCalls.push({ id });
    if (this.failures.clearRiskOverride) throw this.failures.clearRiskOverride;
    const report = this.releaseImpact[id];
    if (report) {
      const { override: _override, ...risk } = report.risk;
      report.risk = { ...risk, level: risk.computedLevel };
    }
  }

  async listUpcomingImpact(request: ListUpcomingImpactRequest = {}) {
    this.upcomingImpactCalls.push(request);
    if (this.failures.listUpcomingImpact)
      throw this.failures.listUpcomingImpact;
    return this.upcomingImpact;
  }

  async getReleaseApprovals(id: string) {
    return clone(await this.approvalsOf(id, 'getReleaseApprovals'));
  }

  async decideReleaseApproval(id: string, request: ApprovalDecisionRequest) {
    this.decideCalls.push({ id, ...request });
    const approvals = await this.approvalsOf(id, 'decideReleaseApproval');
    if (approvals.mayDecide.length === 0) {
      throw await errorResponse(
        403,
        'NotAllowedError',
        'you are not a member of an undecided required group',
      );
    }
    for (const groupRef of approvals.mayDecide) {
      approvals.decisions.push({
        groupRef,
        decision: request.decision,
        comment: request.comment ?? '',
        by: this.currentUser,
        at: '2030-02-02T09:00:00.000Z',
      });
    }
    approvals.mayDecide = [];
    this.syncApprovalsItem(id);
    return clone(withApprovalState(approvals));
  }

  async withdrawReleaseApproval(id: string, groupRef: string) {
    this.withdrawCalls.push({ id, groupRef });
    const approvals = await this.approvalsOf(id, 'withdrawReleaseApproval');
    approvals.decisions = approvals.decisions.filter(
      d => d.groupRef !== groupRef,
    );
    if (!approvals.mayDecide.includes(groupRef)) {
      approvals.mayDecide.push(groupRef);
    }
    this.syncApprovalsItem(id);
    return clone(withApprovalState(approvals));
  }

  async getReleaseReadiness(id: string) {
    if (this.failures.getReleaseReadiness) {
      throw this.failures.getReleaseReadiness;
    }
    const readiness = this.readiness[id];
    if (!readiness) {
      throw await errorResponse(404, 'NotFoundError', `no release ${id}`);
    }
    return clone(readiness);
  }

  async checkReadinessItem(
    id: string,
    itemId: string,
    request: CheckReadinessItemRequest,
  ) {
    this.checkItemCalls.push({ id, itemId, ...request });
    if (this.failures.checkReadinessItem) {
      throw this.failures.checkReadinessItem;
    }
    const item = this.readiness[id]?.items.find(i => i.id === itemId);
    if (!item || item.kind !== 'manual') {
      throw await errorResponse(404, 'NotFoundError', `no item ${itemId}`);
    }
    item.passed = request.checked;
    if (request.checked) {
      item.checkedBy = this.currentUser;
      item.checkedAt = '2030-02-02T09:00:00.000Z';
      if (request.evidence) item.evidence = request.evidence;
    } else {
      delete item.checkedBy;
      delete item.checkedAt;
      delete item.evidence;
    }
    return clone(withVerdict(this.readiness[id]));
  }

  async getReadinessVerdicts(releaseIds: string[]) {
    this.verdictCalls.push(releaseIds);
    if (this.failures.getReadinessVerdicts) {
      throw this.failures.getReadinessVerdicts;
    }
    return releaseIds
      .filter(releaseId => this.readiness[releaseId])
      .map(releaseId => {
        const { verdict, blocking } = withVerdict(this.readiness[releaseId]);
        return { releaseId, verdict, blocking: [...blocking] };
      });
  }

  /** The approvals of a release, unless `method` is to fail or there are none (404). */
  private async approvalsOf(id: string, method: keyof ReleaseCoordinationApi) {
    if (this.failures[method]) throw this.failures[method];
    const approvals = this.approvals[id];
    if (!approvals) {
      throw await errorResponse(404, 'NotFoundError', `no release ${id}`);
    }
    return approvals;
  }

  /** Passes or fails the `approvals` readiness item by the approvals. */
  private syncApprovalsItem(id: string) {
    const approvals = withApprovalState(this.approvals[id]);
    const readiness = this.readiness[id];
    const item = readiness?.items.find(i => i.id === 'approvals');
    if (!item) return;
    item.passed = approvals.complete;
    item.facts = approvals.complete
      ? ['All required groups approved']
      : approvals.pending.map(g => `Waiting for ${g}`);
    withVerdict(readiness);
  }

  static errorResponse = errorResponse;
}
