import {
  FreezeOverride,
  Release,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { windowBucket } from '../windowBuckets';
import { readInChunks } from './chunks';
import { ChildRows, OverrideRow } from './releaseRows';

/** Writes a release's freeze override. */
export async function insertFreezeOverride(
  tx: Knex.Transaction,
  releaseId: string,
  override: FreezeOverride,
) {
  await tx('release_freeze_overrides').insert({
    release_id: releaseId,
    reason: override.reason,
    set_by: override.by,
    set_at: new Date(override.at),
  });
}

/** Writes the releases a release comes after. */
export async function insertOrdering(
  tx: Knex.Transaction,
  releaseId: string,
  afterIds: string[],
) {
  if (afterIds.length === 0) return;
  await tx('release_ordering').insert(
    afterIds.map(afterId => ({ release_id: releaseId, after_id: afterId })),
  );
}

/** Writes a release's entities, each with a copy of its window for range scans. */
export async function insertEntities(
  tx: Knex.Transaction,
  releaseId: string,
  entityRefs: string[],
  release: Pick<Release, 'window'>,
) {
  await tx('release_entities').insert(
    entityRefs.map(entityRef => ({
      release_id: releaseId,
      entity_ref: entityRef,
      window_start: new Date(release.window.start),
      window_end: new Date(release.window.end),
      window_bucket: windowBucket(release.window),
    })),
  );
}

/**
 * The child rows of releases, read by primary key in one query per chunk of
 * ids (one round trip instead of three; see {@link readInChunks}).
 */
export async function readChildRows(
  db: Knex,
  ids: string[],
): Promise<ChildRows> {
  const raw = (sql: string) => db.raw(sql);
  const children = await readInChunks(
    db,
    ids,
    chunk =>
      // overrides first: PostgreSQL types the columns of a union pairwise
      // from the left, and a null before `set_at` would be text
      db('release_freeze_overrides')
        .whereIn('release_id', chunk)
        .select(
          'release_id',
          raw("'override' as kind"),
          raw('null as value'),
          'reason',
          'set_by',
          'set_at',
        )
        .unionAll(entities =>
          entities
            .from('release_entities')
            .whereIn('release_id', chunk)
            .select(
              'release_id',
              raw("'entity'"),
              'entity_ref',
              raw('null'),
              raw('null'),
              raw('null'),
            ),
        )
        .unionAll(ordering =>
          ordering
            .from('release_ordering')
            .whereIn('release_id', chunk)
            .select(
              'release_id',
              raw("'after'"),
              'after_id',
              raw('null'),
              raw('null'),
              raw('null'),
            ),
        ) as Promise<(OverrideRow & { kind: string; value: string })[]>,
  );
  return {
    entityRows: children
      .filter(c => c.kind === 'entity')
      .map(c => ({ release_id: c.release_id, entity_ref: c.value })),
    orderingRows: children
      .filter(c => c.kind === 'after')
      .map(c => ({ release_id: c.release_id, after_id: c.value })),
    overrideRows: children.filter(c => c.kind === 'override'),
  };
}
