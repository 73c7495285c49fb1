import { createApiRef } from '@backstage/frontend-plugin-api';
import { ReleaseReviewsApi } from './ReviewsApi';
import {
  ApprovalDecisionRequest,
  ApprovalInboxItem,
  CalendarFeed,
  CheckReadinessItemRequest,
  CalendarFilters,
  Conflict,
  CreateFreezeRequest,
  CreateReleaseRequest,
  Freeze,
  FreezeOccurrence,
  HandoverRequest,
  HotfixRequest,
  ReleaseHotfixLinks,
  ReleaseRollbackStatus,
  RollbackDecisionRequest,
  RollbackStepUpdate,
  ImpactReport,
  ImpactRequest,
  Page,
  Release,
  ReleaseApprovals,
  ReleaseEvent,
  ReleaseReadiness,
  ReleaseReadinessVerdict,
  ReleaseState,
  ReleaseType,
  RiskLevel,
  Slot,
  StandardChange,
  Train,
  TrainBooking,
  TrainSlot,
  TrainStats,
  TransitionReleaseRequest,
  UpdateFreezeRequest,
  UpcomingImpactItem,
  UpdateReleaseRequest,
  CreateCriterionRequest,
  RecordCriterionResultRequest,
  ReleaseVerification,
  SuccessCriterion,
  UpdateCriterionRequest,
  CreateReleaseIssueRequest,
  IssueSeverity,
  IssueStatus,
  ReleaseIssue,
  UpdateReleaseIssueRequest,
  AnnouncementMoment,
  AnnouncementPreview,
  ReleaseNotes,
  ReleaseNotesFeed,
  ReleaseNotesQuery,
  SaveReleaseNotesRequest,
  EntityAnnotationReport,
} from '@internal/plugin-release-coordination-common';
import { DeliveryMetricsApi } from './DeliveryMetricsApi';

/**
 * Filters and paging of the portal-wide issue listing.
 *
 * @public
 */
export interface ListIssuesRequest {
  status?: IssueStatus[];
  severity?: IssueSeverity[];
  /** Issues affecting this entity. */
  entityRef?: string;
  /** Issues owned by this user or group. */
  ownerRef?: string;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * Filters and paging of a release listing. Every field is optional; several
 * `entityRef`, `state` or `type` values match any of them.
 *
 * @public
 */
export interface ListReleasesRequest {
  /** Releases changing any of these entities. */
  entityRef?: string[];
  /** Releases changing an entity that is part of this system. */
  system?: string;
  /** Releases changing an entity that is part of this domain. */
  domain?: string;
  /** Releases owned by this group. */
  owner?: string;
  /** Only windows ending at or after this ISO timestamp. */
  from?: string;
  /** Only windows starting at or before this ISO timestamp. */
  to?: string;
  state?: ReleaseState[];
  type?: ReleaseType[];
  /** `asc` from the earliest window start, `desc` from the latest. */
  order?: 'asc' | 'desc';
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * The range and entities of a freeze occurrence listing.
 *
 * @public
 */
export interface ListFreezeOccurrencesRequest {
  /** Start of the range (ISO timestamp). */
  from: string;
  /** End of the range (ISO timestamp); at most 366 days after `from`. */
  to: string;
  /**
   * Only occurrences of freezes applying to any of these entities (systems,
   * domains and groups included); all occurrences when empty.
   */
  entityRef?: string[];
}

/**
 * Paging of a freeze listing.
 *
 * @public
 */
export interface ListFreezesRequest {
  /** Page size, 1 to 200 (the server's default is 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * Body of ending a freeze early.
 *
 * @public
 */
export interface EndFreezeRequest {
  /** Why it ends early; recorded on the freeze and in the audit log. */
  reason?: string;
}

/**
 * The range and entities of a conflict listing.
 *
 * @public
 */
export interface ListConflictsRequest {
  /** Start of the range (ISO timestamp). */
  from: string;
  /** End of the range (ISO timestamp); at most 366 days after `from`. */
  to: string;
  /** Only conflicts affecting any of these entities. */
  entityRef?: string[];
  /** At most this many conflicts, 1 to 1,000 (the server's default is 500). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * What the scheduling assistant is asked for.
 *
 * @public
 */
export interface SuggestSlotsRequest {
  /** The entities the window is for (at least one). */
  entityRef: string[];
  /** ISO 8601 duration of the window, 15 minutes to 90 days (e.g. `PT2H`). */
  duration: string;
  /** Earliest start (ISO timestamp); now by default. */
  after?: string;
  /** How many slots, 1 to 20 (the server's default is 5). */
  count?: number;
  /** The release type, which decides freeze exemptions. */
  type?: ReleaseType;
}

/**
 * The range of a train slot listing.
 *
 * @public
 */
export interface ListTrainSlotsRequest {
  /** Slots starting at or after this ISO timestamp; now by default. */
  from?: string;
  /** Slots starting before this ISO timestamp; a year after `from` by default. */
  to?: string;
  /** At most this many, 1 to 200 (the server's default is 10). */
  count?: number;
}

/**
 * The range of a train's statistics.
 *
 * @public
 */
export interface TrainStatsRequest {
  from: string;
  to: string;
}

/**
 * What the upcoming-impact listing is about: at most one of `system`,
 * `domain` and `entityRef` (every upcoming release when none), and a range.
 *
 * @public
 */
export interface ListUpcomingImpactRequest {
  /** Releases touching this system or anything it depends on. */
  system?: string;
  /** Releases touching this domain or anything it depends on. */
  domain?: string;
  /** Releases touching this entity or anything it depends on. */
  entityRef?: string;
  /** Only windows ending at or after this ISO timestamp. */
  from?: string;
  /** Only windows starting at or before this ISO timestamp. */
  to?: string;
}

/**
 * Client of the release-coordination backend.
 *
 * @public
 */
export interface ReleaseCoordinationApi extends DeliveryMetricsApi {
  /** Lists releases matching the filters, one page at a time. */
  listReleases(request?: ListReleasesRequest): Promise<Page<Release>>;
  /** Gets one release; rejects with a 404 `ResponseError` when it does not exist. */
  getRelease(id: string): Promise<Release>;
  /** Creates a release in state `draft`. */
  createRelease(request: CreateReleaseRequest): Promise<Release>;
  /** Changes fields of a release; rejects with 409 when `revision` is stale. */
  updateRelease(id: string, request: UpdateReleaseRequest): Promise<Release>;
  /** Moves a release to another lifecycle state. */
  transitionRelease(
    id: string,
    request: TransitionReleaseRequest,
  ): Promise<Release>;
  /** The history of a release, oldest first. */
  listReleaseEvents(id: string): Promise<ReleaseEvent[]>;
  /** Offers a release to another group; it stays with its owners until a member of that group accepts. */
  offerHandover(id: string, request: HandoverRequest): Promise<Release>;
  /** Takes over a release offered to one of the caller's groups. */
  acceptHandover(id: string): Promise<Release>;
  /** Withdraws (owners) or declines (offered group) a hand-over. */
  cancelHandover(id: string): Promise<Release>;
  /** The declared standard (pre-approved) changes a `standard` release may follow. */
  listStandardChanges(): Promise<StandardChange[]>;
  /**
   * The occurrences of freezes (blackout periods) overlapping a range, recurring
   * freezes expanded. Rejects with a 404 `ResponseError` on backends without freezes.
   */
  listFreezeOccurrences(
    request: ListFreezeOccurrencesRequest,
  ): Promise<FreezeOccurrence[]>;
  /** Lists freezes by start, one page at a time. */
  listFreezes(request?: ListFreezesRequest): Promise<Page<Freeze>>;
  /** Gets one freeze; rejects with a 404 `ResponseError` when it does not exist. */
  getFreeze(id: string): Promise<Freeze>;
  /** Creates a freeze; needs `release-coordination.freeze.manage` (else 403). */
  createFreeze(request: CreateFreezeRequest): Promise<Freeze>;
  /** Changes fields of a freeze; rejects with 409 when `revision` is stale or it has ended. */
  updateFreeze(id: string, request: UpdateFreezeRequest): Promise<Freeze>;
  /** Ends a freeze now; rejects with 409 when it has ended already. */
  endFreeze(id: string, request?: EndFreezeRequest): Promise<Freeze>;
  /** Deletes a freeze. */
  deleteFreeze(id: string): Promise<void>;
  /**
   * A page of the conflicts of the active releases overlapping a range, in
   * the order of their ids; follow `nextCursor` for the rest.
   */
  listConflicts(request: ListConflictsRequest): Promise<Page<Conflict>>;
  /** The next windows without a blocking conflict, earliest first. */
  suggestSlots(request: SuggestSlotsRequest): Promise<Slot[]>;
  /** Lets a release go ahead despite its freezes; owner-group members only (else 403). */
  overrideFreeze(id: string, request: { reason: string }): Promise<Release>;
  /** Removes the freeze override of a release. */
  clearFreezeOverride(id: string): Promise<Release>;
  /** Every release train, by name. */
  listTrains(): Promise<Train[]>;
  /** The slots of a train with their cut-off and booked releases. */
  listTrainSlots(
    id: string,
    request?: ListTrainSlotsRequest,
  ): Promise<TrainSlot[]>;
  /** How many releases rode a train, slipped or went out of band in a range. */
  getTrainStats(id: string, request: TrainStatsRequest): Promise<TrainStats>;
  /** Books a release onto a train slot, moving its window there. */
  bookTrainSlot(
    releaseId: string,
    request: { trainId: string; slotStart: string },
  ): Promise<{ booking: TrainBooking; release: Release }>;
  /** The caller's personal calendar feeds, without their tokens. */
  listCalendarFeeds(): Promise<CalendarFeed[]>;
  /** Creates a personal calendar feed; the answer alone carries its URL and token. */
  createCalendarFeed(filters?: CalendarFilters): Promise<CalendarFeed>;
  /** Revokes one of the caller's calendar feeds. */
  deleteCalendarFeed(id: string): Promise<void>;
  /** The iCalendar file of the releases and freezes matching the filters. */
  getCalendarIcs(filters?: CalendarFilters): Promise<Blob>;
  /** The blast radius and risk of a plan not yet saved (`POST /impact`). */
  getImpact(request: ImpactRequest): Promise<ImpactReport>;
  /** The blast radius and risk of a release. */
  getReleaseImpact(
    id: string,
    request?: { maxDepth?: number },
  ): Promise<ImpactReport>;
  /** Overrides the risk level of a release; owner-group members only (else 403). */
  overrideRisk(
    id: string,
    request: { level: RiskLevel; reason: string },
  ): Promise<void>;
  /** Removes the risk override of a release. */
  clearRiskOverride(id: string): Promise<void>;
  /** The upcoming releases touching a system, domain or entity (all when none is given). */
  listUpcomingImpact(
    request?: ListUpcomingImpactRequest,
  ): Promise<UpcomingImpactItem[]>;
  /** The required approvals of a release, its decisions and who may still decide. */
  getReleaseApprovals(id: string): Promise<ReleaseApprovals>;
  /** "Waiting for my team": releases on which one of the caller's groups still has to decide. */
  getApprovalInbox(request?: {
    limit?: number;
    cursor?: string;
    /** Only what this group of the user's still has to decide. */
    groupRef?: string;
  }): Promise<Page<ApprovalInboxItem>>;
  /**
   * Approves or rejects a release for the caller's undecided required groups;
   * rejects with 403 (not a member, or the creator) or 409 (decided already).
   */
  decideReleaseApproval(
    id: string,
    request: ApprovalDecisionRequest,
  ): Promise<ReleaseApprovals>;
  /** Withdraws a group's decision; only the member who made it may (else 403). */
  withdrawReleaseApproval(
    id: string,
    groupRef: string,
  ): Promise<ReleaseApprovals>;
  /** The go / no-go checklist of a release and its verdict. */
  getReleaseReadiness(id: string): Promise<ReleaseReadiness>;
  /** Checks or unchecks a manual checklist item; owning-group members only (else 403). */
  checkReadinessItem(
    id: string,
    itemId: string,
    request: CheckReadinessItemRequest,
  ): Promise<ReleaseReadiness>;
  /**
   * The verdicts of any number of releases (asked in batches); releases that
   * do not exist or that the user may not read are left out.
   */
  getReadinessVerdicts(
    releaseIds: string[],
  ): Promise<ReleaseReadinessVerdict[]>;
  /** The success criteria of a release and whether it may be verified. */
  getReleaseVerification(id: string): Promise<ReleaseVerification>;
  /** Adds a success criterion while the release is not released yet; those who may change it only (else 403). */
  addSuccessCriterion(
    id: string,
    request: CreateCriterionRequest,
  ): Promise<SuccessCriterion>;
  /** Changes a success criterion while the release is not released yet. */
  updateSuccessCriterion(
    id: string,
    criterionId: string,
    request: UpdateCriterionRequest,
  ): Promise<SuccessCriterion>;
  /** Removes a success criterion while the release is not released yet. */
  deleteSuccessCriterion(id: string, criterionId: string): Promise<void>;
  /** Records a criterion of a released release as met, not met or waived; its owner only (else 403). */
  recordCriterionResult(
    id: string,
    criterionId: string,
    request: RecordCriterionResultRequest,
  ): Promise<SuccessCriterion>;
  /** The annotations of an entity the plugin cannot use as written (empty when fine). */
  getEntityAnnotationProblems(
    entityRef: string,
  ): Promise<EntityAnnotationReport>;
  /** The issues of a release, newest first. */
  listReleaseIssues(releaseId: string): Promise<ReleaseIssue[]>;
  /** Records an issue on a release (400 naming the field on bad input). */
  recordReleaseIssue(
    releaseId: string,
    request: CreateReleaseIssueRequest,
  ): Promise<ReleaseIssue>;
  /** An issue with its timeline. */
  getIssue(issueId: string): Promise<ReleaseIssue>;
  /** Changes an issue at the revision last seen (403 not allowed, 409 stale). */
  updateIssue(
    issueId: string,
    request: UpdateReleaseIssueRequest,
  ): Promise<ReleaseIssue>;
  /** Issues across the portal of the releases the user can read, newest first. */
  listIssues(request?: ListIssuesRequest): Promise<Page<ReleaseIssue>>;
  /** The follow-up hotfix links of those of the releases that have any (batched by 50). */
  listHotfixLinks(releaseIds: string[]): Promise<ReleaseHotfixLinks[]>;
  /** The rollback of a release (if any) and its follow-up hotfix links. */
  getReleaseRollback(id: string): Promise<ReleaseRollbackStatus>;
  /** Decides to roll a released release back (403 if the caller may not, 409 if it cannot). */
  decideRollback(
    id: string,
    request: RollbackDecisionRequest,
  ): Promise<ReleaseRollbackStatus>;
  /** Sets the status of a rollback step. */
  updateRollbackStep(
    id: string,
    index: number,
    request: RollbackStepUpdate,
  ): Promise<ReleaseRollbackStatus>;
  /** Creates the follow-up hotfix release of a release rolling or rolled back. */
  createHotfix(id: string, request?: HotfixRequest): Promise<Release>;
  /** The release notes of an audience (engineering Markdown by default). */
  getReleaseNotes(id: string, query?: ReleaseNotesQuery): Promise<ReleaseNotes>;
  /** Saves edited notes over the revision read (403 not allowed, 409 stale or released). */
  saveReleaseNotes(
    id: string,
    request: SaveReleaseNotesRequest,
  ): Promise<ReleaseNotes>;
  /** What would be announced at a moment (the next one by default), and to whom. */
  previewAnnouncements(
    id: string,
    moment?: AnnouncementMoment,
  ): Promise<AnnouncementPreview>;
  /** The caller's Atom feeds of released notes, without their tokens. */
  listNotesFeeds(): Promise<ReleaseNotesFeed[]>;
  /** Creates an Atom feed of a System's released notes; the answer alone carries its URL. */
  createNotesFeed(system: string): Promise<ReleaseNotesFeed>;
  /** Revokes one of the caller's notes feeds. */
  deleteNotesFeed(id: string): Promise<void>;
}

/**
 * Reference to the `ReleaseCoordinationApi`.
 *
 * @public
 */
export const releaseCoordinationApiRef =
  createApiRef<ReleaseCoordinationApi>().with({
    id: 'plugin.release-coordination.client',
    pluginId: 'release-coordination',
  });

/** The review calls belong to the plugin's API too. @public */
export interface ReleaseCoordinationApi extends ReleaseReviewsApi {}
