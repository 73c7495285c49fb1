import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ApprovalDecision,
  ListReviewsQuery,
  MAX_ACTION_ITEMS,
  Page,
  Release,
  ReleaseEvent,
  ReleaseIssue,
  ReleaseReview,
  ReleaseReviewSummary,
  ReviewSettings,
  Rollback,
  SuccessCriterion,
  createActionItemRequestSchema,
  reviewFileName,
  updateActionItemRequestSchema,
  updateReviewRequestSchema,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { Caller, lower } from '../releases/ReleaseAuthority';
import { ReleaseService } from '../releases/ReleaseService';
import { assertRevision } from '../revisions';
import { UserCredentials } from '../credentials';
import { ListedReview, ReviewStore, StoredReview } from './DatabaseReviewStore';
import { reviewFacts } from './reviewFacts';
import { reviewMarkdown } from './reviewMarkdown';
import { reviewDueAt, reviewRequirement } from './reviewRequirement';

/** Where the facts of a review are read, per release. */
export interface ReviewSources {
  events(releaseId: string): Promise<ReleaseEvent[]>;
  issues(releaseId: string): Promise<ReleaseIssue[]>;
  /** The approval decisions of the release's current round. */
  decisions(releaseId: string): Promise<ApprovalDecision[]>;
  rollback(releaseId: string): Promise<Rollback | undefined>;
  criteria(releaseId: string): Promise<SuccessCriterion[]>;
}

type ReviewUpdate = z.output<typeof updateReviewRequestSchema>;
type ActionItemInput = z.output<typeof createActionItemRequestSchema>;
type ActionItemUpdate = z.output<typeof updateActionItemRequestSchema>;

const sameRequirement = (
  a: Pick<StoredReview, 'required' | 'requiredBecause' | 'finishedAt'>,
  b: typeof a,
) =>
  a.required === b.required &&
  a.finishedAt === b.finishedAt &&
  a.requiredBecause.join() === b.requiredBecause.join();

/**
 * Post-release reviews: one per release that went live, required for
 * rolled-back, emergency and sev1/sev2-affected releases (configurable),
 * prefilled with facts from the release's history, approvals, issues,
 * rollback and success criteria. Members of the owning group, of a group
 * that approved the release and the release managers write it; an action
 * item's owner may also mark it done. Everyone who may read the release
 * reads its review.
 *
 * @public
 */
export class ReviewService {
  private readonly releases: ReleaseService;
  private readonly store: ReviewStore;
  private readonly sources: ReviewSources;
  private readonly catalog: CatalogModel;
  readonly settings: ReviewSettings;
  private readonly now: () => Date;

  constructor(options: {
    releases: ReleaseService;
    store: ReviewStore;
    sources: ReviewSources;
    catalog: CatalogModel;
    settings: ReviewSettings;
    now?: () => Date;
  }) {
    this.releases = options.releases;
    this.store = options.store;
    this.sources = options.sources;
    this.catalog = options.catalog;
    this.settings = options.settings;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Keeps reviews in step: a release going live gets its review, and
   * whether it is required follows its state, type and issues.
   */
  register(issues?: {
    addChangeListener(listener: (release: Release) => Promise<void>): void;
  }) {
    this.releases.addChangeListener(async ({ after }) => {
      await this.sync(after);
    });
    issues?.addChangeListener(async release => {
      await this.sync(release);
    });
  }

  /**
   * Stores whether the release's review is required (creating the review
   * of a release that went live); returns it, or undefined for a release
   * that did not go live.
   */
  async sync(
    release: Release,
    events?: ReleaseEvent[],
    issues?: ReleaseIssue[],
  ): Promise<StoredReview | undefined> {
    const requirement = reviewRequirement(
      release,
      events ?? (await this.sources.events(release.id)),
      (issues ?? (await this.sources.issues(release.id))).map(i => i.severity),
      this.settings,
    );
    if (!requirement) return undefined;
    const stored = await this.store.getReview(release.id);
    if (stored && sameRequirement(stored, requirement)) return stored;
    await this.store.syncRequirement(requirement);
    return this.store.getReview(release.id);
  }

  /** The review of a release that went live, with its facts; 409 for any other. */
  async getReview(
    release: Release,
    credentials: UserCredentials,
  ): Promise<ReleaseReview> {
    const id = release.id;
    const [events, issues, decisions, rollback, criteria] = await Promise.all([
      this.sources.events(id),
      this.sources.issues(id),
      this.sources.decisions(id),
      this.sources.rollback(id),
      this.sources.criteria(id),
    ]);
    const stored = await this.sync(release, events, issues);
    if (!stored) {
      throw new ConflictError(
        `Release "${release.title}" is ${release.state}: it has a review once it went live`,
      );
    }
    const caller = await this.releases.authority.caller(credentials);
    const { releaseId: _releaseId, ...written } = stored;
    return {
      ...this.summary({
        ...written,
        releaseId: id,
        releaseTitle: release.title,
        releaseVersion: release.version,
        releaseState: release.state,
        ownerRef: release.ownerRef,
        entityRefs: release.entityRefs,
      }),
      wentWell: stored.wentWell,
      wentWrong: stored.wentWrong,
      lessons: stored.lessons,
      actionItems: stored.actionItems,
      ...(stored.updatedBy && { updatedBy: stored.updatedBy }),
      ...(stored.updatedAt && { updatedAt: stored.updatedAt }),
      revision: stored.revision,
      canEdit: this.mayWrite(caller, release, decisions),
      facts: reviewFacts({
        release,
        events,
        decisions,
        issues,
        rollback,
        criteria,
        now: this.now(),
      }),
    };
  }

  /** The review as a Markdown document, with a file name for it. */
  async markdown(
    release: Release,
    credentials: UserCredentials,
  ): Promise<{ fileName: string; markdown: string }> {
    const review = await this.getReview(release, credentials);
    return {
      fileName: reviewFileName(review),
      markdown: reviewMarkdown(review),
    };
  }

  /**
   * Changes what the review says or its status; completing it needs
   * something written (what went well, what did not, or lessons).
   */
  async updateReview(
    release: Release,
    input: ReviewUpdate,
    credentials: UserCredentials,
  ): Promise<ReleaseReview> {
    const { stored, caller } = await this.writable(release, credentials);
    if (input.status === 'completed') {
      const merged = { ...stored, ...input };
      if (
        ![merged.wentWell, merged.wentWrong, merged.lessons].some(t => t.trim())
      ) {
        throw new InputError(
          'status: a review is completed once what went well, what did not go well or the lessons are written',
        );
      }
    }
    await this.change(release, stored, input.revision, caller, change =>
      this.store.updateReview(change, {
        wentWell: input.wentWell,
        wentWrong: input.wentWrong,
        lessons: input.lessons,
        status: input.status,
      }),
    );
    return this.getReview(release, credentials);
  }

  /** Adds an action item (open) to the review. */
  async addActionItem(
    release: Release,
    input: ActionItemInput,
    credentials: UserCredentials,
  ): Promise<ReleaseReview> {
    const { stored, caller } = await this.writable(release, credentials);
    if (stored.actionItems.length >= MAX_ACTION_ITEMS) {
      throw new InputError(
        `title: the review of release "${release.title}" has ${MAX_ACTION_ITEMS} action items, the most it may have`,
      );
    }
    const at = this.now().toISOString();
    await this.change(release, stored, input.revision, caller, change =>
      this.store.addActionItem(change, {
        id: randomUUID(),
        title: input.title,
        ownerRef: input.ownerRef,
        dueDate: input.dueDate,
        status: 'open',
        createdBy: caller.userRef,
        createdAt: at,
      }),
    );
    return this.getReview(release, credentials);
  }

  /**
   * Changes an action item: those who write the review may change anything;
   * the item's owner (the user, or a member of the group) may set its status.
   */
  async updateActionItem(
    release: Release,
    itemId: string,
    input: ActionItemUpdate,
    credentials: UserCredentials,
  ): Promise<ReleaseReview> {
    const stored = await this.existing(release);
    const item = stored.actionItems.find(i => i.id === itemId);
    if (!item) {
      throw new NotFoundError(
        `The review of release "${release.title}" has no action item with the id ${itemId}`,
      );
    }
    const caller = await this.releases.authority.caller(credentials);
    const onlyStatus = Object.keys(input).every(
      key => key === 'revision' || key === 'status',
    );
    const itemOwner = caller.refs.includes(lower(item.ownerRef));
    if (
      !(onlyStatus && itemOwner) &&
      !this.mayWrite(caller, release, await this.sources.decisions(release.id))
    ) {
      throw new NotAllowedError(
        `Only members of ${
          release.ownerRef
        }, of a group that approved the release, the release managers${
          onlyStatus ? ` or ${entityName(item.ownerRef)}` : ''
        } may change this action item`,
      );
    }
    await this.change(release, stored, input.revision, caller, change =>
      this.store.updateActionItem(change, itemId, {
        title: input.title,
        ownerRef: input.ownerRef,
        dueDate: input.dueDate,
        status: input.status,
      }),
    );
    return this.getReview(release, credentials);
  }

  /**
   * Reviews newest first, of the releases of an entity, of a System's or
   * Domain's parts (as the caller sees the catalog) or owned by a group,
   * matching words; only of releases the caller may read.
   */
  async listReviews(
    query: ListReviewsQuery,
    credentials: UserCredentials,
  ): Promise<Page<ReleaseReviewSummary>> {
    const page = await this.store.listReviews({
      entityRefs: await this.entityFilter(query, credentials),
      ownerRef: query.group,
      q: query.q,
      status: query.status,
      required:
        query.required === undefined ? undefined : query.required === 'true',
      limit: query.limit,
      cursor: query.cursor,
    });
    const visible = new Set(
      (
        await this.releases.visibleReleases(
          page.items.map(r => ({
            id: r.releaseId,
            state: r.releaseState,
            ownerRef: r.ownerRef,
          })),
          credentials,
        )
      ).map(r => r.id),
    );
    return {
      ...page,
      items: page.items
        .filter(r => visible.has(r.releaseId))
        .map(r => this.summary(r)),
    };
  }

  /** What a listing shows of a review. */
  private summary(review: ListedReview): ReleaseReviewSummary {
    const dueAt = review.required
      ? reviewDueAt(review.finishedAt, this.settings)
      : undefined;
    return {
      releaseId: review.releaseId,
      releaseTitle: review.releaseTitle,
      releaseVersion: review.releaseVersion,
      releaseState: review.releaseState,
      ownerRef: review.ownerRef,
      entityRefs: review.entityRefs,
      required: review.required,
      requiredBecause: review.requiredBecause,
      status: review.status,
      finishedAt: review.finishedAt,
      ...(dueAt && { dueAt }),
      overdue:
        !!dueAt &&
        review.status === 'open' &&
        Date.parse(dueAt) < this.now().getTime(),
      ...(review.completedBy && { completedBy: review.completedBy }),
      ...(review.completedAt && { completedAt: review.completedAt }),
      openActionItems: review.actionItems.filter(i => i.status === 'open')
        .length,
    };
  }

  /** The entities whose releases' reviews a query asks for; undefined for all. */
  private async entityFilter(
    query: ListReviewsQuery,
    credentials: UserCredentials,
  ): Promise<string[] | undefined> {
    const groups: string[][] = [];
    if (query.entityRef) groups.push([query.entityRef]);
    if (query.system) {
      groups.push([
        query.system,
        ...(await this.catalog.partsOf([query.system], credentials)),
      ]);
    }
    if (query.domain) {
      const systems = await this.catalog.partsOf([query.domain], credentials);
      groups.push([
        query.domain,
        ...systems,
        ...(await this.catalog.partsOf(systems, credentials)),
      ]);
    }
    if (groups.length === 0) return undefined;
    // several filters: the entities all of them name
    return groups.reduce((kept, group) => kept.filter(r => group.includes(r)));
  }

  /**
   * Members of the owning group, of a group that approved the release, and
   * the release managers write its review.
   */
  private mayWrite(
    caller: Caller,
    release: Release,
    decisions: ApprovalDecision[],
  ): boolean {
    return (
      caller.isReleaseManager ||
      this.releases.authority.isOwnerMember(caller, release) ||
      decisions.some(
        d =>
          d.decision === 'approve' && caller.groups.includes(lower(d.groupRef)),
      )
    );
  }

  /** The stored review of a release that went live; 409 for any other. */
  private async existing(release: Release): Promise<StoredReview> {
    const stored = await this.sync(release);
    if (!stored) {
      throw new ConflictError(
        `Release "${release.title}" is ${release.state}: it has a review once it went live`,
      );
    }
    return stored;
  }

  /** The review and the caller, when the caller may write it (403 otherwise). */
  private async writable(release: Release, credentials: UserCredentials) {
    const stored = await this.existing(release);
    const caller = await this.releases.authority.caller(credentials);
    if (
      !this.mayWrite(caller, release, await this.sources.decisions(release.id))
    ) {
      throw new NotAllowedError(
        `Only members of ${entityName(
          release.ownerRef,
        )}, of a group that approved the release, or the release managers may write its review`,
      );
    }
    return { stored, caller };
  }

  /** Runs a change at the revision the caller saw; 409 when stale or raced. */
  private async change(
    release: Release,
    stored: StoredReview,
    revision: number,
    caller: Caller,
    write: (change: {
      releaseId: string;
      revision: number;
      by: string;
      at: string;
    }) => Promise<boolean>,
  ) {
    const what = `The review of release "${release.title}"`;
    assertRevision(what, stored.revision, revision);
    const written = await write({
      releaseId: release.id,
      revision,
      by: caller.userRef,
      at: this.now().toISOString(),
    });
    if (!written) {
      throw new ConflictError(
        `${what} changed meanwhile; reload it and try again`,
      );
    }
  }
}
