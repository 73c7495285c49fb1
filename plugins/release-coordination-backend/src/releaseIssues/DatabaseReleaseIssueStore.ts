import {
  IssueLink,
  IssueSeverity,
  IssueStatus,
  IssueTimelineEntry,
  Release,
  ReleaseIssue,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { encodeCursor, whereAfterCursor } from '../database/keysetCursor';
import { whereDraftVisible } from '../database/releases/visibility';
import { isUniqueViolation, Timestamp, toIso } from '../database/rows';

type IssueRow = {
  id: string;
  release_id: string;
  title: string;
  severity: string;
  status: string;
  owner_ref: string;
  links: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  status_since: Timestamp;
  revision: number;
};

type TimelineRow = {
  action: string;
  actor_ref: string;
  created_at: Timestamp;
  changes: string;
};

/** The release fields that decide who may see an issue (draft visibility). */
export type IssueReleaseFacts = Pick<
  Release,
  'id' | 'state' | 'ownerRef' | 'createdBy'
> &
  Partial<Pick<Release, 'pendingOwnerRef' | 'handedOverAt'>>;

/**
 * What a listing of issues filters by.
 *
 * @public
 */
export interface IssueListFilter {
  statuses?: IssueStatus[];
  severities?: IssueSeverity[];
  entityRef?: string;
  ownerRef?: string;
  /** Drafts' issues only for these viewer refs (see `whereDraftVisible`). */
  draftOwnerRefs: string[];
  limit: number;
  cursor?: string;
}

const ISSUE_COLUMNS = [
  'release_issues.id',
  'release_issues.release_id',
  'release_issues.title',
  'release_issues.severity',
  'release_issues.status',
  'release_issues.owner_ref',
  'release_issues.links',
  'release_issues.created_by',
  'release_issues.created_at',
  'release_issues.updated_at',
  'release_issues.status_since',
  'release_issues.revision',
];

/**
 * Release issues (`release_issues`), the entities they affect
 * (`release_issue_entities`), their timeline (`release_issue_timeline`) and
 * the escalations sent (`release_issue_escalations`).
 *
 * @public
 */
export class DatabaseReleaseIssueStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /** Stores a new issue with the first entry of its timeline. */
  async createIssue(
    issue: ReleaseIssue,
    entry: IssueTimelineEntry,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('release_issues').insert({
        id: issue.id,
        release_id: issue.releaseId,
        ...this.toRow(issue),
        created_by: issue.createdBy,
        created_at: new Date(issue.createdAt),
      });
      await this.writeEntities(tx, issue);
      await this.addEntry(tx, issue.id, entry);
    });
  }

  /**
   * Writes the changed issue if it is still at `expectedRevision`, with the
   * entry of its timeline; false (nothing written) when someone changed it
   * since, on any replica.
   */
  async updateIssue(
    issue: ReleaseIssue,
    expectedRevision: number,
    entry: IssueTimelineEntry,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const updated = await tx('release_issues')
        .where({ id: issue.id, revision: expectedRevision })
        .update(this.toRow(issue));
      if (updated === 0) return false;
      await tx('release_issue_entities').where({ issue_id: issue.id }).delete();
      await this.writeEntities(tx, issue);
      await this.addEntry(tx, issue.id, entry);
      return true;
    });
  }

  /** An issue without its timeline, or undefined. */
  async getIssue(id: string): Promise<ReleaseIssue | undefined> {
    const row: IssueRow | undefined = await this.db('release_issues')
      .where({ id })
      .first(ISSUE_COLUMNS);
    return row ? (await this.withEntities([row]))[0] : undefined;
  }

  /** The timeline of an issue, oldest first. */
  async listTimeline(id: string): Promise<IssueTimelineEntry[]> {
    const rows: TimelineRow[] = await this.db('release_issue_timeline')
      .where({ issue_id: id })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      action: row.action as IssueTimelineEntry['action'],
      by: row.actor_ref,
      at: toIso(row.created_at),
      changes: JSON.parse(row.changes),
    }));
  }

  /** The issues of the given releases, newest first. */
  async issuesOf(releaseIds: string[]): Promise<ReleaseIssue[]> {
    if (releaseIds.length === 0) return [];
    const rows: IssueRow[] = await this.db('release_issues')
      .whereIn('release_id', releaseIds)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .select(ISSUE_COLUMNS);
    return this.withEntities(rows);
  }

  /**
   * A page of issues, newest first, with the facts of each one's release;
   * drafts' issues only as {@link whereDraftVisible} shows them.
   */
  async listIssues(filter: IssueListFilter): Promise<{
    items: { issue: ReleaseIssue; release: IssueReleaseFacts }[];
    nextCursor?: string;
  }> {
    const query = this.db('release_issues')
      .join('releases', 'releases.id', 'release_issues.release_id')
      .select(
        ...ISSUE_COLUMNS,
        'releases.state as release_state',
        'releases.owner_ref as release_owner_ref',
        'releases.pending_owner_ref as release_pending_owner_ref',
        'releases.created_by as release_created_by',
        'releases.handed_over_at as release_handed_over_at',
      )
      .orderBy([
        { column: 'release_issues.created_at', order: 'desc' },
        { column: 'release_issues.id', order: 'desc' },
      ])
      .limit(filter.limit + 1);
    whereDraftVisible(query, filter.draftOwnerRefs);
    if (filter.statuses?.length) {
      query.whereIn('release_issues.status', filter.statuses);
    }
    if (filter.severities?.length) {
      query.whereIn('release_issues.severity', filter.severities);
    }
    if (filter.ownerRef) {
      query.where('release_issues.owner_ref', filter.ownerRef);
    }
    if (filter.entityRef) {
      query.whereIn(
        'release_issues.id',
        this.db('release_issue_entities')
          .where({ entity_ref: filter.entityRef })
          .select('issue_id'),
      );
    }
    // newest first: a page ends at its last issue's creation time and id
    whereAfterCursor(query, filter.cursor, {
      columns: {
        createdAt: 'release_issues.created_at',
        id: 'release_issues.id',
      },
      order: 'desc',
      message: 'cursor: not a cursor returned by the issue listing',
    });
    const rows = await query;
    const page = rows.slice(0, filter.limit);
    const issues = await this.withEntities(page);
    const last = issues[issues.length - 1];
    return {
      items: issues.map((issue, i) => ({
        issue,
        release: {
          id: issue.releaseId,
          state: page[i].release_state,
          ownerRef: page[i].release_owner_ref,
          createdBy: page[i].release_created_by,
          ...(page[i].release_pending_owner_ref && {
            pendingOwnerRef: page[i].release_pending_owner_ref,
          }),
          ...(page[i].release_handed_over_at && {
            handedOverAt: toIso(page[i].release_handed_over_at),
          }),
        },
      })),
      ...(rows.length > filter.limit &&
        last && {
          nextCursor: encodeCursor({ createdAt: last.createdAt, id: last.id }),
        }),
    };
  }

  /** The issues in one of the given statuses, of one of the given severities. */
  async listInStatus(
    statuses: IssueStatus[],
    severities: IssueSeverity[],
  ): Promise<ReleaseIssue[]> {
    if (statuses.length === 0 || severities.length === 0) return [];
    const rows: IssueRow[] = await this.db('release_issues')
      .whereIn('status', statuses)
      .whereIn('severity', severities)
      .orderBy('status_since', 'asc')
      .select(ISSUE_COLUMNS);
    return this.withEntities(rows);
  }

  /**
   * Claims the escalation of an issue by a rule for one stay in a status;
   * exactly one of several racing callers, on any number of replicas, gets
   * true and sends it.
   */
  async claimEscalation(
    issueId: string,
    ruleKey: string,
    statusSince: string,
    at: Date,
  ): Promise<boolean> {
    try {
      await this.db('release_issue_escalations').insert({
        issue_id: issueId,
        rule_key: ruleKey,
        status_since: new Date(statusSince),
        sent_at: at,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  private toRow(issue: ReleaseIssue) {
    return {
      title: issue.title,
      severity: issue.severity,
      status: issue.status,
      owner_ref: issue.ownerRef,
      links: JSON.stringify(issue.links),
      updated_at: new Date(issue.updatedAt),
      status_since: new Date(issue.statusSince),
      revision: issue.revision,
    };
  }

  private async writeEntities(tx: Knex.Transaction, issue: ReleaseIssue) {
    await tx('release_issue_entities').insert(
      issue.entityRefs.map((entityRef, position) => ({
        issue_id: issue.id,
        entity_ref: entityRef,
        position,
      })),
    );
  }

  private async addEntry(
    tx: Knex.Transaction,
    issueId: string,
    entry: IssueTimelineEntry,
  ) {
    await tx('release_issue_timeline').insert({
      issue_id: issueId,
      action: entry.action,
      actor_ref: entry.by,
      created_at: new Date(entry.at),
      changes: JSON.stringify(entry.changes),
    });
  }

  private async withEntities(rows: IssueRow[]): Promise<ReleaseIssue[]> {
    if (rows.length === 0) return [];
    const entities: { issue_id: string; entity_ref: string }[] = await this.db(
      'release_issue_entities',
    )
      .whereIn(
        'issue_id',
        rows.map(row => row.id),
      )
      .orderBy(['issue_id', 'position'])
      .select('issue_id', 'entity_ref');
    const byIssue = new Map<string, string[]>();
    for (const { issue_id, entity_ref } of entities) {
      byIssue.set(issue_id, [...(byIssue.get(issue_id) ?? []), entity_ref]);
    }
    return rows.map(row => ({
      id: row.id,
      releaseId: row.release_id,
      title: row.title,
      severity: row.severity as IssueSeverity,
      status: row.status as IssueStatus,
      ownerRef: row.owner_ref,
      entityRefs: byIssue.get(row.id) ?? [],
      links: JSON.parse(row.links) as IssueLink[],
      createdBy: row.created_by,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
      statusSince: toIso(row.status_since),
      revision: Number(row.revision),
    }));
  }
}

/**
 * What services may use of the release issue store.
 *
 * @public
 */
export type ReleaseIssueStore = Pick<
  DatabaseReleaseIssueStore,
  keyof DatabaseReleaseIssueStore
>;
