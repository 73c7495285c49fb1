import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { checkNamedRefsInCatalog } from '../catalogGraph/checkInCatalog';
import {
  countOpenIssues,
  CreateReleaseIssueInput,
  IssueTimelineEntry,
  ListReleaseIssuesQuery,
  OpenIssueCounts,
  Page,
  Release,
  ReleaseFieldChange,
  ReleaseIssue,
  UpdateReleaseIssueInput,
  updateReleaseIssueRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReleaseService } from '../releases/ReleaseService';
import { assertRevision } from '../revisions';
import { ReleaseIssueStore } from './DatabaseReleaseIssueStore';
import { UserCredentials } from '../credentials';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The fields of an issue a change may touch, in timeline order: those of the
 * update request but its revision.
 */
const CHANGEABLE = Object.keys(updateReleaseIssueRequestSchema.shape).filter(
  (field): field is Exclude<keyof UpdateReleaseIssueInput, 'revision'> =>
    field !== 'revision',
);

/**
 * Issues found during or after a release: anyone who can see a release may
 * record one; the issue's owner (the user, or a member of the group), the
 * members of the release's owning group and the release managers may change
 * it. Every change lands in the issue's timeline; a change based on an older
 * revision is refused (409).
 *
 * @public
 */
export class ReleaseIssueService {
  private readonly store: ReleaseIssueStore;
  private readonly releases: ReleaseService;
  private readonly catalog: CatalogModel;
  private readonly now: () => Date;
  private readonly listeners: ((release: Release) => Promise<void>)[] = [];

  constructor(options: {
    store: ReleaseIssueStore;
    releases: ReleaseService;
    catalog: CatalogModel;
    /** The clock, for tests. */
    now?: () => Date;
  }) {
    this.store = options.store;
    this.releases = options.releases;
    this.catalog = options.catalog;
    this.now = options.now ?? (() => new Date());
  }

  /** Adds a listener told of the release whose issue was recorded or changed. */
  addChangeListener(listener: (release: Release) => Promise<void>) {
    this.listeners.push(listener);
  }

  /**
   * Records an issue on a release the caller can see (the router read it),
   * owned by the caller and affecting the release's entities unless told.
   */
  async recordIssue(
    release: Release,
    input: CreateReleaseIssueInput,
    credentials: UserCredentials,
  ): Promise<ReleaseIssue> {
    const at = this.now().toISOString();
    const by = credentials.principal.userEntityRef;
    const issue: ReleaseIssue = {
      id: randomUUID(),
      releaseId: release.id,
      title: input.title,
      severity: input.severity,
      status: input.status,
      ownerRef: input.ownerRef ?? lower(by),
      entityRefs: input.entityRefs ?? release.entityRefs,
      links: input.links,
      createdBy: by,
      createdAt: at,
      updatedAt: at,
      statusSince: at,
      revision: 1,
    };
    await this.checkRefs(input, credentials);
    const entry: IssueTimelineEntry = {
      action: 'created',
      by,
      at,
      changes: CHANGEABLE.map(field => ({
        field,
        before: null,
        after: issue[field],
      })),
    };
    await this.store.createIssue(issue, entry);
    await this.told(release);
    return { ...issue, timeline: [entry] };
  }

  /** An issue with its timeline, if the caller can see its release; otherwise not found. */
  async getIssue(
    id: string,
    credentials: UserCredentials,
  ): Promise<ReleaseIssue> {
    const { issue } = await this.readable(id, credentials);
    return { ...issue, timeline: await this.store.listTimeline(id) };
  }

  /** Changes an issue at the revision the caller saw; see the class for who may. */
  async updateIssue(
    id: string,
    input: UpdateReleaseIssueInput,
    credentials: UserCredentials,
  ): Promise<ReleaseIssue> {
    const { issue, release } = await this.readable(id, credentials);
    await this.authorizeChange(issue, release, credentials);
    assertRevision(`Issue ${id}`, issue.revision, input.revision);
    await this.checkRefs(input, credentials);
    const at = this.now().toISOString();
    const changes: ReleaseFieldChange[] = CHANGEABLE.filter(
      field =>
        input[field] !== undefined &&
        !isDeepStrictEqual(input[field], issue[field]),
    ).map(field => ({ field, before: issue[field], after: input[field] }));
    if (changes.length === 0) return this.getIssue(id, credentials);
    const changed: ReleaseIssue = {
      ...issue,
      ...Object.fromEntries(changes.map(c => [c.field, c.after])),
      updatedAt: at,
      statusSince:
        input.status && input.status !== issue.status ? at : issue.statusSince,
      revision: issue.revision + 1,
    };
    const entry: IssueTimelineEntry = {
      action: 'changed',
      by: credentials.principal.userEntityRef,
      at,
      changes,
    };
    if (!(await this.store.updateIssue(changed, issue.revision, entry))) {
      const current = await this.store.getIssue(id);
      assertRevision(`Issue ${id}`, current?.revision ?? 0, input.revision);
    }
    await this.told(release);
    return this.getIssue(id, credentials);
  }

  /** The issues of a release the caller can see, newest first. */
  listReleaseIssues(release: Pick<Release, 'id'>): Promise<ReleaseIssue[]> {
    return this.store.issuesOf([release.id]);
  }

  /**
   * The issues of a release by id, newest first, without asking who reads
   * them: for other services (a rollback decision names the issues behind it).
   */
  issuesOf(releaseId: string): Promise<ReleaseIssue[]> {
    return this.store.issuesOf([releaseId]);
  }

  /** How many unresolved issues of each severity a release has. */
  async openIssues(releaseId: string): Promise<OpenIssueCounts> {
    return countOpenIssues(await this.store.issuesOf([releaseId]));
  }

  /**
   * Issues across the portal, newest first, filtered; only those of releases
   * the caller can read (others' drafts stay hidden).
   */
  async listIssues(
    query: ListReleaseIssuesQuery,
    credentials: UserCredentials,
  ): Promise<Page<ReleaseIssue>> {
    const page = await this.store.listIssues({
      statuses: query.status,
      severities: query.severity,
      entityRef: query.entityRef,
      ownerRef: query.ownerRef,
      draftOwnerRefs: await this.releases.draftOwnerRefs(credentials),
      limit: query.limit,
      cursor: query.cursor,
    });
    const visible = new Set(
      (
        await this.releases.visibleReleases(
          page.items.map(item => item.release),
          credentials,
        )
      ).map(release => release.id),
    );
    return {
      items: page.items
        .filter(item => visible.has(item.release.id))
        .map(item => item.issue),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  }

  /** The issue and its release, if the caller can see the release; otherwise not found. */
  private async readable(id: string, credentials: UserCredentials) {
    const issue = await this.store.getIssue(id);
    if (!issue) throw new NotFoundError(`Issue ${id} not found`);
    try {
      const release = await this.releases.getReadableRelease(
        issue.releaseId,
        credentials,
      );
      return { issue, release };
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(`Issue ${id} not found`);
      }
      throw error;
    }
  }

  /** The issue's owner, the release's owning group and the release managers may change an issue. */
  private async authorizeChange(
    issue: ReleaseIssue,
    release: Release,
    credentials: UserCredentials,
  ) {
    const authority = this.releases.authority;
    const caller = await authority.caller(credentials);
    if (
      caller.refs.includes(lower(issue.ownerRef)) ||
      authority.isOwnerMember(caller, release) ||
      caller.isReleaseManager
    ) {
      return;
    }
    throw new NotAllowedError(
      `Only ${issue.ownerRef}, members of ${release.ownerRef} or the release managers may change issue ${issue.id}`,
    );
  }

  /** The owner and the affected entities must be in the catalog, as the caller sees it. */
  private async checkRefs(
    input: { ownerRef?: string; entityRefs?: string[] },
    credentials: UserCredentials,
  ) {
    const named = [
      ...(input.entityRefs ?? []).map((ref, i) => ({
        field: `entityRefs.${i}`,
        ref,
      })),
      ...(input.ownerRef ? [{ field: 'ownerRef', ref: input.ownerRef }] : []),
    ];
    await checkNamedRefsInCatalog(this.catalog, named, credentials);
  }

  private async told(release: Release) {
    await Promise.allSettled(this.listeners.map(listen => listen(release)));
  }
}
