/*
 * The types of this package against the types generated from the OpenAPI
 * document (src/generated/openapi.ts, `yarn openapi:generate` in the backend).
 * Type-only: `yarn tsc` fails when a type here and the document part ways.
 */
import type { components } from './generated/openapi';
import type {
  ApprovalDecisionRequest,
  CheckReadinessItemRequest,
  CreateFreezeRequest,
  CreateReleaseRequest,
  CreateTrainRequest,
  Freeze,
  FreezeOccurrence,
  FreezeRecurrence,
  FreezeScope,
  HandoverRequest,
  ImpactRequest,
  ReleaseEvent,
  ReleaseFieldChange,
  ReleaseState,
  ReleaseType,
  RiskLevel,
  StandardChange,
  Train,
  TrainScope,
  TransitionReleaseRequest,
  UpdateFreezeRequest,
  UpdateReleaseRequest,
  UpdateTrainRequest,
  CreateCriterionRequest,
  CreateReleaseIssueRequest,
  IssueSeverity,
  IssueStatus,
  IssueTimelineEntry,
  MeasurableCheck,
  OpenIssueCounts,
  RecordCriterionResultRequest,
  ReleaseIssue,
  ReleaseRollbackStatus,
  Rollback,
  RollbackDecisionRequest,
  RollbackStepStatus,
  RollbackTriggers,
  UpdateCriterionRequest,
  UpdateReleaseIssueRequest,
} from './index';
import type {
  CreateActionItemRequest,
  UpdateActionItemRequest,
  UpdateReviewRequest,
} from './reviews';
import { SaveReleaseNotesRequest } from './releaseNotes';

type Documented = components['schemas'];
/** Compiles only when given `true`. */
type Expect<T extends true> = T;
/** Whether each of `A` and `B` is assignable to the other. */
type Assignable<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
/**
 * Whether `A` and `B` are the same: assignable both ways with the same keys
 * (assignability alone misses an optional property only one side has).
 */
type Same<A, B> = Assignable<A, B> extends true
  ? Assignable<keyof A, keyof B>
  : false;
/** Whether `A` is assignable to `B`: every value of `A` is one the document allows. */
type Fits<A, B> = [A] extends [B] ? true : false;

/** The same type on both sides. */
export type SameAsDocumented = [
  Expect<Same<ReleaseType, Documented['ReleaseType']>>,
  Expect<Same<ReleaseState, Documented['ReleaseState']>>,
  Expect<Same<RiskLevel, Documented['RiskLevel']>>,
  Expect<Same<CreateReleaseRequest, Documented['CreateReleaseRequest']>>,
  Expect<Same<UpdateReleaseRequest, Documented['UpdateReleaseRequest']>>,
  Expect<Same<CreateFreezeRequest, Documented['CreateFreezeRequest']>>,
  Expect<Same<UpdateFreezeRequest, Documented['UpdateFreezeRequest']>>,
  Expect<Same<CreateTrainRequest, Documented['CreateTrainRequest']>>,
  Expect<Same<UpdateTrainRequest, Documented['UpdateTrainRequest']>>,
  Expect<Same<ImpactRequest, Documented['ImpactRequest']>>,
  Expect<Same<ApprovalDecisionRequest, Documented['ApprovalDecisionRequest']>>,
  Expect<
    Same<CheckReadinessItemRequest, Documented['CheckReadinessItemRequest']>
  >,
  Expect<Same<HandoverRequest, Documented['HandoverRequest']>>,
  Expect<
    Same<TransitionReleaseRequest, Documented['TransitionReleaseRequest']>
  >,
];

/**
 * Stricter than the document, which leaves out what the server always sends
 * (scope lists, exdates, the before/after of a field change) or types it wider
 * (change kinds as strings): what the package promises fits the document.
 */
export type FitsDocumented = [
  Expect<Fits<ReleaseFieldChange, Documented['ReleaseFieldChange']>>,
  Expect<Fits<ReleaseEvent, Documented['ReleaseEvent']>>,
  Expect<Fits<StandardChange, Documented['StandardChange']>>,
  Expect<Fits<FreezeScope, Documented['FreezeScope']>>,
  Expect<Fits<FreezeRecurrence, Documented['FreezeRecurrence']>>,
  Expect<Fits<Freeze, Documented['Freeze']>>,
  Expect<Fits<FreezeOccurrence, Documented['FreezeOccurrence']>>,
  Expect<Fits<TrainScope, Documented['TrainScope']>>,
  Expect<Fits<Train, Documented['Train']>>,
];

/** What happens after go-live (criteria, issues, rollbacks): the same on both sides. */
export type AfterGoLiveSameAsDocumented = [
  Expect<Same<CreateCriterionRequest, Documented['CreateCriterionRequest']>>,
  Expect<
    Same<CreateReleaseIssueRequest, Documented['CreateReleaseIssueRequest']>
  >,
  Expect<Same<IssueSeverity, Documented['IssueSeverity']>>,
  Expect<Same<IssueStatus, Documented['IssueStatus']>>,
  Expect<Same<MeasurableCheck, Documented['MeasurableCheck']>>,
  Expect<Same<OpenIssueCounts, Documented['OpenIssueCounts']>>,
  Expect<
    Same<
      RecordCriterionResultRequest,
      Documented['RecordCriterionResultRequest']
    >
  >,
  Expect<Same<RollbackDecisionRequest, Documented['RollbackDecisionRequest']>>,
  Expect<Same<RollbackStepStatus, Documented['RollbackStepStatus']>>,
  Expect<Same<UpdateCriterionRequest, Documented['UpdateCriterionRequest']>>,
  Expect<
    Same<UpdateReleaseIssueRequest, Documented['UpdateReleaseIssueRequest']>
  >,
];

/**
 * After go-live, stricter than the document: the trigger id lists the server
 * always sends are optional there, and timeline entries carry field changes
 * (see {@link FitsDocumented}).
 */
export type AfterGoLiveFitsDocumented = [
  Expect<Fits<IssueTimelineEntry, Documented['IssueTimelineEntry']>>,
  Expect<Fits<ReleaseIssue, Documented['ReleaseIssue']>>,
  Expect<Fits<ReleaseRollbackStatus, Documented['ReleaseRollbackStatus']>>,
  Expect<Fits<Rollback, Documented['Rollback']>>,
  Expect<Fits<RollbackTriggers, Documented['RollbackTriggers']>>,
];

/** Post-release reviews: the same on both sides. */
export type ReviewsSameAsDocumented = [
  Expect<Same<UpdateReviewRequest, Documented['UpdateReviewRequest']>>,
  Expect<Same<CreateActionItemRequest, Documented['CreateActionItemRequest']>>,
  Expect<Same<UpdateActionItemRequest, Documented['UpdateActionItemRequest']>>,
];

/** The release notes types on both sides. */
export type ReleaseNotesSameAsDocumented = [
  Expect<Same<SaveReleaseNotesRequest, Documented['SaveReleaseNotesRequest']>>,
];

/** Delivery metrics (`GET /metrics`). */
export type MetricsSameAsDocumented = [];

/** The approval inbox (`GET /approvals/inbox`). */
export type ApprovalInboxSameAsDocumented = [];
