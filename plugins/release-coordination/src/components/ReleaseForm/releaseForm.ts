import {
  ChangeKind,
  CreateReleaseInput,
  DEFAULT_LINK_SCHEMES,
  linkedRequestSchemas,
  Release,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';

/** The format of `datetime-local` inputs. */
export const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** One row of the change inventory in the form. */
export interface ChangeRow {
  kind: ChangeKind;
  title: string;
  link: string;
  /** Kept from an existing change; the form does not edit it. */
  entityRef?: string;
}

/** The values of the release form, as the inputs hold them. */
export interface ReleaseFormState {
  title: string;
  version: string;
  type: ReleaseType;
  /** The declared standard change a `standard` release follows; blank for none. */
  standardChangeId: string;
  /** `datetime-local` values in the user's zone. */
  start: string;
  end: string;
  entityRefs: string[];
  ownerRef: string;
  description: string;
  /** Markdown; blank means none. */
  rollbackPlan: string;
  changes: ChangeRow[];
}

/** The fields the form shows messages under; others are listed above the form. */
export const RELEASE_FORM_FIELDS = [
  'title',
  'version',
  'type',
  'standardChangeId',
  'window.start',
  'window.end',
  'entityRefs',
  'ownerRef',
  'description',
  'rollbackPlan',
];

/** Default window: from the next full hour one day ahead, two hours long. */
export function defaultWindow(now: DateTime = DateTime.local()) {
  const start = now.startOf('hour').plus({ hours: 1, days: 1 });
  return {
    start: start.toFormat(LOCAL_FORMAT),
    end: start.plus({ hours: 2 }).toFormat(LOCAL_FORMAT),
  };
}

/** An empty form with the default window. */
export function emptyReleaseForm(
  entityRefs: string[],
  ownerRef?: string,
): ReleaseFormState {
  return {
    title: '',
    version: '',
    type: 'normal',
    standardChangeId: '',
    ...defaultWindow(),
    entityRefs,
    ownerRef: ownerRef ?? '',
    description: '',
    rollbackPlan: '',
    changes: [],
  };
}

/** An ISO timestamp as a `datetime-local` value in the user's zone. */
export function isoToLocal(iso: string): string {
  return DateTime.fromISO(iso).toFormat(LOCAL_FORMAT);
}

/** The form holding an existing release's values. */
export function releaseToForm(release: Release): ReleaseFormState {
  return {
    title: release.title,
    version: release.version,
    type: release.type,
    standardChangeId: release.standardChangeId ?? '',
    start: isoToLocal(release.window.start),
    end: isoToLocal(release.window.end),
    entityRefs: release.entityRefs,
    ownerRef: release.ownerRef,
    description: release.description,
    rollbackPlan: release.rollbackPlan ?? '',
    changes: release.changes.map(change => ({
      kind: change.kind,
      title: change.title,
      link: change.link ?? '',
      ...(change.entityRef ? { entityRef: change.entityRef } : {}),
    })),
  };
}

/** A `datetime-local` value in the user's zone as an ISO timestamp, or undefined. */
export function localToIso(value: string): string | undefined {
  const dt = DateTime.fromISO(value);
  return value && dt.isValid ? dt.toUTC().toISO() ?? undefined : undefined;
}

/** Human messages for the schema's terse ones. */
export function issueMessage(issue: {
  code: string;
  message: string;
  minimum?: unknown;
  origin?: string;
}): string {
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) {
    return issue.origin === 'array' ? 'Add at least one entity' : 'Required';
  }
  return issue.message;
}

/**
 * Validates the form with the shared schema (change links with `linkSchemes`),
 * returning the request body or the first message for each field (`title`,
 * `window.start`, `changes.0.link`, …).
 */
export function validateReleaseForm(
  form: ReleaseFormState,
  linkSchemes: readonly string[] = DEFAULT_LINK_SCHEMES,
): {
  body?: CreateReleaseInput;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const start = localToIso(form.start);
  const end = localToIso(form.end);
  const body = {
    title: form.title,
    version: form.version,
    type: form.type,
    ...(form.type === 'standard' && form.standardChangeId
      ? { standardChangeId: form.standardChangeId }
      : {}),
    window: { start: start ?? form.start, end: end ?? form.end },
    entityRefs: form.entityRefs,
    ...(form.ownerRef.trim() ? { ownerRef: form.ownerRef.trim() } : {}),
    description: form.description,
    ...(form.rollbackPlan.trim() ? { rollbackPlan: form.rollbackPlan } : {}),
    changes: form.changes.map(change => ({
      kind: change.kind,
      title: change.title,
      ...(change.link.trim() ? { link: change.link.trim() } : {}),
      ...(change.entityRef ? { entityRef: change.entityRef } : {}),
    })),
  };
  const result =
    linkedRequestSchemas(linkSchemes).createRelease.safeParse(body);
  if (!result.success) {
    for (const issue of result.error.issues) {
      let key = issue.path.map(String).join('.');
      if (key.startsWith('entityRefs.')) key = 'entityRefs';
      errors[key] ??= issueMessage(issue as any);
    }
  }
  if (form.type === 'standard' && !form.standardChangeId) {
    errors.standardChangeId =
      'A standard (pre-approved) release follows a declared standard change: choose one';
  }
  if (!start) errors['window.start'] = 'Enter a date and time';
  if (!end) errors['window.end'] = 'Enter a date and time';
  if (!result.success || Object.keys(errors).length > 0) {
    return { body: undefined, errors };
  }
  return { body: result.data, errors };
}
