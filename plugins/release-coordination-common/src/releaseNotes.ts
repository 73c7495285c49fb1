import { z } from 'zod';
import { scopeRefSchema } from './freezes';
import {
  AnnouncementPreview,
  ReleaseNotes,
  ReleaseNotesFeed,
  notesAudienceValues,
  releaseNotesFormatValues,
  announcementMomentValues,
} from './generated/openapi';

export type { AnnouncementPreview, ReleaseNotes, ReleaseNotesFeed };

/**
 * Who release notes are written for: engineers (entities, APIs, links) or
 * business stakeholders and users (System and audience names, no internal refs).
 *
 * @public
 */
export const NOTES_AUDIENCES = notesAudienceValues;

/** @public */
export type NotesAudience = (typeof NOTES_AUDIENCES)[number];

/**
 * The formats release notes are served in; HTML is rendered from the
 * Markdown with raw HTML escaped and unsafe links dropped.
 *
 * @public
 */
export const NOTES_FORMATS = releaseNotesFormatValues;

/** @public */
export type NotesFormat = (typeof NOTES_FORMATS)[number];

/** Longest edited release notes, in characters. @public */
export const MAX_NOTES_LENGTH = 50_000;

/**
 * Query of `GET /releases/:id/notes`: engineering Markdown unless asked otherwise.
 *
 * @public
 */
export const releaseNotesQuerySchema = z.strictObject({
  audience: z.enum(NOTES_AUDIENCES).default('engineering'),
  format: z.enum(NOTES_FORMATS).default('markdown'),
});

/** @public */
export type ReleaseNotesQuery = z.input<typeof releaseNotesQuerySchema>;

/**
 * Body of `PUT /releases/:id/notes`: the edited Markdown of one audience and
 * the revision of the edit it replaces (0 when the notes were never edited);
 * a stale revision is a 409.
 *
 * @public
 */
export const saveReleaseNotesRequestSchema = z.strictObject({
  audience: z.enum(NOTES_AUDIENCES),
  markdown: z.string().trim().min(1).max(MAX_NOTES_LENGTH),
  revision: z.int().min(0),
});

/** @public */
export type SaveReleaseNotesRequest = z.input<
  typeof saveReleaseNotesRequestSchema
>;

/**
 * One line of the difference between the edited notes and the notes
 * generated now: `removed` only in the edit, `added` only in the generated.
 *
 * @public
 */
export interface NotesDiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The moments releases are announced at: when approved, released, rolled
 * back and verified.
 *
 * @public
 */
export const ANNOUNCEMENT_MOMENTS = announcementMomentValues;

/** @public */
export type AnnouncementMoment = (typeof ANNOUNCEMENT_MOMENTS)[number];

/**
 * Query of `GET /releases/:id/announcements/preview`: the moment to preview,
 * by default the release's next one.
 *
 * @public
 */
export const announcementPreviewQuerySchema = z.strictObject({
  moment: z.enum(ANNOUNCEMENT_MOMENTS).optional(),
});

/**
 * One announcement message: for one audience, to its recipients (users and
 * groups), on the release's own notification topic.
 *
 * @public
 */
export interface AnnouncementMessage {
  audience: NotesAudience;
  recipients: string[];
  title: string;
  description: string;
  /** The notification topic of the release: muting it mutes every announcement of this release. */
  topic: string;
}

/**
 * Body of `POST /notes-feeds`: the System whose released notes the feed lists
 * (a bare name means `system:default/<name>`).
 *
 * @public
 */
export const createNotesFeedRequestSchema = z.strictObject({
  system: scopeRefSchema('system'),
});

/** @public */
export type CreateNotesFeedRequest = z.input<
  typeof createNotesFeedRequestSchema
>;
