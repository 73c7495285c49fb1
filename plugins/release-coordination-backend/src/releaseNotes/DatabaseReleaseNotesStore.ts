import { NotesAudience } from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { isUniqueViolation, Timestamp, toIso } from '../database/rows';

type EditRow = {
  release_id: string;
  audience: NotesAudience;
  markdown: string;
  base_generated: string;
  revision: number;
  edited_by: string;
  edited_at: Timestamp;
};

/**
 * The edited release notes of one audience: the Markdown, the generated
 * notes it started from, who edited it last and when, and its revision.
 *
 * @public
 */
export interface StoredNotesEdit {
  releaseId: string;
  audience: NotesAudience;
  markdown: string;
  baseGenerated: string;
  revision: number;
  editedBy: string;
  editedAt: string;
}

const fromRow = (row: EditRow): StoredNotesEdit => ({
  releaseId: row.release_id,
  audience: row.audience,
  markdown: row.markdown,
  baseGenerated: row.base_generated,
  revision: row.revision,
  editedBy: row.edited_by,
  editedAt: toIso(row.edited_at),
});

/** A primary-key violation on SQLite, which reports it apart from unique ones. */
const isKeyTaken = (error: unknown) =>
  isUniqueViolation(error) ||
  (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

/**
 * Stores edited release notes in the plugin's Knex database, one edit per
 * release and audience, replaced only at the revision it was read at.
 *
 * @public
 */
export class DatabaseReleaseNotesStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /** The edits of a release, by audience. */
  async listEdits(releaseId: string): Promise<StoredNotesEdit[]> {
    const rows = await this.db<EditRow>('release_notes_edits')
      .where({ release_id: releaseId })
      .orderBy('audience');
    return rows.map(fromRow);
  }

  /** The edit of one audience, if any. */
  async getEdit(
    releaseId: string,
    audience: NotesAudience,
  ): Promise<StoredNotesEdit | undefined> {
    const row = await this.db<EditRow>('release_notes_edits')
      .where({ release_id: releaseId, audience })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Saves an edit over the one at `expectedRevision` (0: there is none yet)
   * at the next revision; undefined, writing nothing, when the stored
   * revision is another (someone saved in between).
   */
  async saveEdit(
    edit: Omit<StoredNotesEdit, 'revision'>,
    expectedRevision: number,
  ): Promise<StoredNotesEdit | undefined> {
    const fields = {
      markdown: edit.markdown,
      base_generated: edit.baseGenerated,
      edited_by: edit.editedBy,
      edited_at: new Date(edit.editedAt),
      revision: expectedRevision + 1,
    };
    const key = { release_id: edit.releaseId, audience: edit.audience };
    if (expectedRevision === 0) {
      try {
        await this.db('release_notes_edits').insert({ ...key, ...fields });
      } catch (error) {
        if (isKeyTaken(error)) return undefined;
        throw error;
      }
    } else {
      const updated = await this.db('release_notes_edits')
        .where({ ...key, revision: expectedRevision })
        .update(fields);
      if (updated === 0) return undefined;
    }
    return this.getEdit(edit.releaseId, edit.audience);
  }
}

/**
 * What services may use of the release notes store.
 *
 * @public
 */
export type ReleaseNotesStore = Pick<
  DatabaseReleaseNotesStore,
  keyof DatabaseReleaseNotesStore
>;
