import { ResponseError } from '@backstage/errors';
import {
  CreateReleaseRequest,
  createReleaseRequestSchema,
  FreezeOccurrence,
  isTransitionAllowed,
  Page,
  Release,
  ReleaseEvent,
  TransitionReleaseRequest,
  UpdateReleaseRequest,
} from '@internal/plugin-release-coordination-common';
import {
  ListFreezeOccurrencesRequest,
  ListReleasesRequest,
  ReleaseCoordinationApi,
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
    const release = await this.getRelease(id);
    const { revision: _revision, ...changes } = request;
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
      reason: request.reason,
    });
    return release;
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

  static errorResponse = errorResponse;
}
