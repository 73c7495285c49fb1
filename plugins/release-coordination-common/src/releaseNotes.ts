import { z } from 'zod';
import { scopeRefSchema } from './freezes';

/**
 * Who release notes are written for: engineers (entities, APIs, links) or
 * business stakeholders and users (System and audience names, no internal refs).
 *
 * @public
 */
export const NOTES_AUDIENCES = ['engineering', 'business'] as const;

/** @public */
export type NotesAudience = (typeof NOTES_AUDIENCES)[number];

/**
 * The formats release notes are served in; HTML is rendered from the
 * Markdown with raw HTML escaped and unsafe links dropped.
 *
 * @public
 */
export const NOTES_FORMATS = ['markdown', 'html'] as const;

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
 * The release notes of one audience: what to publish (`content`, the edit if
 * there is one, else the generated notes, in the format asked) and, when
 * edited, the edit and its difference from the notes generated now.
 *
 * @public
 */
export interface ReleaseNotes {
  releaseId: string;
  audience: NotesAudience;
  format: NotesFormat;
  content: string;
  /** The notes generated now from the change inventory and impact, in Markdown. */
  generated: string;
  /** The revision of the edit; 0 when never edited (send it back with an edit). */
  revision: number;
  /** Whether the notes may still be edited (the release is not released yet). */
  editable: boolean;
  edit?: {
    markdown: string;
    editedBy: string;
    editedAt: string;
    /** The generated notes changed since the edit was made. */
    generatedChanged: boolean;
    /** From the edit to the notes generated now, line by line. */
    diff: NotesDiffLine[];
  };
}

/**
 * The moments releases are announced at: when approved, released, rolled
 * back and verified.
 *
 * @public
 */
export const ANNOUNCEMENT_MOMENTS = [
  'approved',
  'released',
  'rolled_back',
  'verified',
] as const;

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
 * What would be sent at a moment and to whom; groups left out by
 * `releaseCoordination.announcements.optOutGroups` are listed.
 *
 * @public
 */
export interface AnnouncementPreview {
  releaseId: string;
  moment: AnnouncementMoment;
  messages: AnnouncementMessage[];
  optedOut: string[];
}

/**
 * A feed of the released notes of one System, for readers outside the portal:
 * a secret URL (token only returned at creation) an Atom reader subscribes to.
 *
 * @public
 */
export interface ReleaseNotesFeed {
  id: string;
  system: string;
  createdAt: string;
  /** The URL with the token; only in the answer to creation. */
  url?: string;
  /** The secret; only in the answer to creation, stored hashed. */
  token?: string;
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
