import { z } from 'zod';
import { DEFAULT_LINK_SCHEMES, linkSchema } from './links';
import {
  entityRefSchema,
  MAX_ENTITY_REFS,
  MAX_PAGE_SIZE,
  MAX_TITLE_LENGTH,
  queryIntegerSchema,
} from './schemas';
import type { ReleaseFieldChange } from './types';
import {
  IssueLink,
  issueSeverityValues,
  issueStatusValues,
  issueLinkKindValues,
} from './generated/openapi';

export type { IssueLink };

/**
 * How bad an issue found during or after a release is, worst first.
 *
 * @public
 */
export const ISSUE_SEVERITIES = issueSeverityValues;

/** @public */
export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

/**
 * Where an issue stands, in the order it usually moves.
 *
 * @public
 */
export const ISSUE_STATUSES = issueStatusValues;

/** @public */
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** The statuses of an issue that still needs work (all but `resolved`). @public */
export const UNRESOLVED_ISSUE_STATUSES: readonly IssueStatus[] = [
  'open',
  'acknowledged',
  'mitigated',
];

/** What an issue link points at. @public */
export const ISSUE_LINK_KINDS = issueLinkKindValues;

/** @public */
export type IssueLinkKind = (typeof ISSUE_LINK_KINDS)[number];

/** Most links one issue may have. @public */
export const MAX_ISSUE_LINKS = 20;

/**
 * One change of an issue in its timeline: who changed which fields when
 * (`created` lists the fields it was recorded with).
 *
 * @public
 */
export interface IssueTimelineEntry {
  action: 'created' | 'changed';
  by: string;
  at: string;
  changes: ReleaseFieldChange[];
}

/**
 * An issue found during or after a release.
 *
 * @public
 */
export interface ReleaseIssue {
  id: string;
  releaseId: string;
  title: string;
  severity: IssueSeverity;
  status: IssueStatus;
  /** The user or group that works on it. */
  ownerRef: string;
  /** The entities it affects; the release's unless told otherwise. */
  entityRefs: string[];
  links: IssueLink[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** When it entered its current status (escalation counts from here). */
  statusSince: string;
  /** Incremented on every change; sent back on updates for optimistic concurrency. */
  revision: number;
  /** Its changes, oldest first (on single-issue answers only). */
  timeline?: IssueTimelineEntry[];
}

/**
 * How many unresolved issues of each severity a release has, and the worst.
 *
 * @public
 */
export type OpenIssueCounts = Record<IssueSeverity, number> & {
  worst?: IssueSeverity;
};

/**
 * Counts unresolved issues by severity.
 *
 * @public
 */
export function countOpenIssues(
  issues: Pick<ReleaseIssue, 'severity' | 'status'>[],
): OpenIssueCounts {
  const counts: OpenIssueCounts = { sev1: 0, sev2: 0, sev3: 0, sev4: 0 };
  for (const issue of issues) {
    if (issue.status !== 'resolved') counts[issue.severity] += 1;
  }
  const worst = ISSUE_SEVERITIES.find(severity => counts[severity] > 0);
  return worst ? { ...counts, worst } : counts;
}

/**
 * Whether an issue makes a released release unhealthy: a sev1 or sev2 issue
 * that is not resolved.
 *
 * @public
 */
export function isSevereOpenIssue(
  issue: Pick<ReleaseIssue, 'severity' | 'status'>,
): boolean {
  return (
    (issue.severity === 'sev1' || issue.severity === 'sev2') &&
    issue.status !== 'resolved'
  );
}

/** A user or group ref: who may own an issue. */
const ownerRefSchema = entityRefSchema.refine(
  ref => ref.startsWith('user:') || ref.startsWith('group:'),
  { message: 'must be a user or group ref (user:… or group:…)' },
);

const issueTitleSchema = z.string().trim().min(1).max(MAX_TITLE_LENGTH);

const issueEntityRefsSchema = z
  .array(entityRefSchema)
  .min(1)
  .max(MAX_ENTITY_REFS)
  .transform(refs => [...new Set(refs)]);

const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    value => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(MAX_ISSUE_LINKS).optional(),
  );

/**
 * The request schemas of release issues, taking links with the given
 * schemes (`releaseCoordination.links.allowedSchemes`; http and https by
 * default).
 *
 * @public
 */
export function releaseIssueRequestSchemas(
  schemes: readonly string[] = DEFAULT_LINK_SCHEMES,
) {
  const links = z
    .array(
      z.strictObject({
        kind: z.enum(ISSUE_LINK_KINDS),
        url: linkSchema(schemes),
      }),
    )
    .max(MAX_ISSUE_LINKS);
  return {
    /** Body of `POST /releases/:id/issues`. */
    createIssue: z.strictObject({
      title: issueTitleSchema,
      severity: z.enum(ISSUE_SEVERITIES),
      status: z.enum(ISSUE_STATUSES).default('open'),
      /** The recorder unless told. */
      ownerRef: ownerRefSchema.optional(),
      /** The release's entities unless told. */
      entityRefs: issueEntityRefsSchema.optional(),
      links: links.default([]),
    }),
    /** Body of `PATCH /issues/:issueId`: the revision the client last saw and the fields to change. */
    updateIssue: z
      .strictObject({
        revision: z.int().min(1),
        title: issueTitleSchema.optional(),
        severity: z.enum(ISSUE_SEVERITIES).optional(),
        status: z.enum(ISSUE_STATUSES).optional(),
        ownerRef: ownerRefSchema.optional(),
        entityRefs: issueEntityRefsSchema.optional(),
        links: links.optional(),
      })
      .refine(body => Object.keys(body).length > 1, {
        message: 'name at least one field to change besides revision',
      }),
    /** Query of `GET /issues`; repeatable parameters accept one value or several. */
    listIssuesQuery: z.strictObject({
      status: repeatable(z.enum(ISSUE_STATUSES)),
      severity: repeatable(z.enum(ISSUE_SEVERITIES)),
      /** Issues affecting this entity. */
      entityRef: entityRefSchema.optional(),
      ownerRef: entityRefSchema.optional(),
      limit: queryIntegerSchema(1, MAX_PAGE_SIZE).default(50),
      cursor: z.string().min(1).max(500).optional(),
    }),
  };
}

const defaultIssueSchemas = releaseIssueRequestSchemas();

/** Body of `POST /releases/:id/issues` (http and https links). @public */
export const createReleaseIssueRequestSchema = defaultIssueSchemas.createIssue;
/** @public */
export type CreateReleaseIssueRequest = z.input<
  typeof createReleaseIssueRequestSchema
>;
/** @public */
export type CreateReleaseIssueInput = z.output<
  typeof createReleaseIssueRequestSchema
>;

/** Body of `PATCH /issues/:issueId` (http and https links). @public */
export const updateReleaseIssueRequestSchema = defaultIssueSchemas.updateIssue;
/** @public */
export type UpdateReleaseIssueRequest = z.input<
  typeof updateReleaseIssueRequestSchema
>;
/** @public */
export type UpdateReleaseIssueInput = z.output<
  typeof updateReleaseIssueRequestSchema
>;

/** Query of `GET /issues`. @public */
export const listReleaseIssuesQuerySchema = defaultIssueSchemas.listIssuesQuery;
/** @public */
export type ListReleaseIssuesQuery = z.output<
  typeof listReleaseIssuesQuerySchema
>;
