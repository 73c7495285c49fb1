import {
  Release,
  ReleaseEvent,
} from '@internal/plugin-release-coordination-common';
import { ConflictCandidate, ReleaseFields } from '../ReleaseStore';
import { revisionedColumns, revisionedFields, Timestamp, toIso } from '../rows';
import { windowBucket } from '../windowBuckets';

/** A row of `releases`. */
export type ReleaseRow = {
  id: string;
  title: string;
  version: string;
  type: string;
  state: string;
  window_start: Timestamp;
  window_end: Timestamp;
  owner_ref: string;
  description: string;
  rollback_plan: string | null;
  changes: string;
  pending_owner_ref: string | null;
  handed_over_at: Timestamp | null;
  planned_type: string | null;
  standard_change_id: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  revision: number;
};

/** A row of `release_freeze_overrides`. */
export type OverrideRow = {
  release_id: string;
  reason: string;
  set_by: string;
  set_at: Timestamp;
};

/** A row of `release_events`. */
export type EventRow = {
  id: number | string;
  release_id: string;
  action: string;
  actor_ref: string;
  created_at: Timestamp;
  changes: string;
  reason: string | null;
};

/** The `releases` row of a new release. */
export function toReleaseRow(release: Release) {
  return {
    id: release.id,
    title: release.title,
    version: release.version,
    type: release.type,
    state: release.state,
    window_start: new Date(release.window.start),
    window_end: new Date(release.window.end),
    window_bucket: windowBucket(release.window),
    owner_ref: release.ownerRef,
    description: release.description,
    rollback_plan: release.rollbackPlan || null,
    changes: JSON.stringify(release.changes),
    pending_owner_ref: release.pendingOwnerRef ?? null,
    handed_over_at: release.handedOverAt
      ? new Date(release.handedOverAt)
      : null,
    planned_type: release.plannedType ?? null,
    standard_change_id: release.standardChangeId ?? null,
    ...revisionedColumns(release),
  };
}

/** The `releases` columns a partial update sets (children such as entities aside). */
export function updatedColumns(fields: Partial<ReleaseFields>) {
  return {
    ...(fields.title !== undefined && { title: fields.title }),
    ...(fields.version !== undefined && { version: fields.version }),
    ...(fields.type !== undefined && { type: fields.type }),
    ...(fields.state !== undefined && { state: fields.state }),
    ...(fields.window !== undefined && {
      window_start: new Date(fields.window.start),
      window_end: new Date(fields.window.end),
      window_bucket: windowBucket(fields.window),
    }),
    ...(fields.ownerRef !== undefined && { owner_ref: fields.ownerRef }),
    ...(fields.description !== undefined && {
      description: fields.description,
    }),
    ...(fields.changes !== undefined && {
      changes: JSON.stringify(fields.changes),
    }),
    ...(fields.rollbackPlan !== undefined && {
      rollback_plan: fields.rollbackPlan || null,
    }),
    ...(fields.pendingOwnerRef !== undefined && {
      pending_owner_ref: fields.pendingOwnerRef,
    }),
    ...(fields.handedOverAt !== undefined && {
      handed_over_at: new Date(fields.handedOverAt),
    }),
    ...(fields.plannedType !== undefined && {
      planned_type: fields.plannedType,
    }),
    ...(fields.standardChangeId !== undefined && {
      standard_change_id: fields.standardChangeId,
    }),
  };
}

/** The event of a `release_events` row. */
export function toReleaseEvent(row: EventRow): ReleaseEvent {
  return {
    id: String(row.id),
    releaseId: row.release_id,
    action: row.action as ReleaseEvent['action'],
    actorRef: row.actor_ref,
    createdAt: toIso(row.created_at),
    changes: JSON.parse(row.changes),
    ...(row.reason !== null && { reason: row.reason }),
  };
}

/**
 * Values of child rows by release id, each list sorted here (by code unit,
 * as the service sorts), not by the database's collation, so every read path
 * agrees on every database.
 */
export function groupSorted<T extends { release_id: string }>(
  items: T[],
  value: (item: T) => string,
): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const item of items) {
    const list = byId.get(item.release_id);
    if (list) list.push(value(item));
    else byId.set(item.release_id, [value(item)]);
  }
  for (const list of byId.values()) list.sort();
  return byId;
}

/** The child rows of some releases: their entities, ordering and freeze overrides. */
export interface ChildRows {
  entityRows: { release_id: string; entity_ref: string }[];
  orderingRows: { release_id: string; after_id: string }[];
  overrideRows: OverrideRow[];
}

function toOverride(row: OverrideRow) {
  return { reason: row.reason, by: row.set_by, at: toIso(row.set_at) };
}

/** The columns of a release that conflict detection reads. */
export const CANDIDATE_COLUMNS = [
  'id',
  'title',
  'type',
  'state',
  'window_start',
  'window_end',
  'owner_ref',
] as const;

/** A row with the {@link CANDIDATE_COLUMNS}. */
export type CandidateRow = Pick<ReleaseRow, (typeof CANDIDATE_COLUMNS)[number]>;

/** What conflict detection needs of a release: its candidate columns and its entities. */
export function toCandidate(
  row: CandidateRow,
  entityRefs: string[] = [],
): ConflictCandidate {
  return {
    id: row.id,
    title: row.title,
    type: row.type as Release['type'],
    state: row.state as Release['state'],
    window: { start: toIso(row.window_start), end: toIso(row.window_end) },
    entityRefs,
    ownerRef: row.owner_ref,
  };
}

/** The releases of `rows`, with their child rows. */
export function assembleReleases(
  rows: ReleaseRow[],
  { entityRows, orderingRows, overrideRows }: ChildRows,
): Release[] {
  const refsById = groupSorted(entityRows, r => r.entity_ref);
  const afterById = groupSorted(orderingRows, r => r.after_id);
  const overrideById = new Map(overrideRows.map(r => [r.release_id, r]));
  return rows.map(row => ({
    ...toCandidate(row, refsById.get(row.id)),
    version: row.version,
    description: row.description,
    ...(row.rollback_plan && { rollbackPlan: row.rollback_plan }),
    changes: JSON.parse(row.changes),
    ...(row.pending_owner_ref && { pendingOwnerRef: row.pending_owner_ref }),
    ...(row.handed_over_at && { handedOverAt: toIso(row.handed_over_at) }),
    ...(row.planned_type && {
      plannedType: row.planned_type as Release['type'],
    }),
    ...(row.standard_change_id && {
      standardChangeId: row.standard_change_id,
    }),
    ...revisionedFields(row),
    ...(afterById.has(row.id) && { after: afterById.get(row.id) }),
    ...(overrideById.has(row.id) && {
      freezeOverride: toOverride(overrideById.get(row.id)!),
    }),
  }));
}
