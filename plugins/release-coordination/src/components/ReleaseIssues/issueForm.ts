import { ResponseError } from '@backstage/errors';
import {
  CreateReleaseIssueRequest,
  IssueLink,
  IssueSeverity,
  IssueStatus,
  ReleaseIssue,
  createReleaseIssueRequestSchema,
  updateReleaseIssueRequestSchema,
  UpdateReleaseIssueRequest,
} from '@internal/plugin-release-coordination-common';
import { FormValidation } from '../shared/FormDialog';

/** The fields of the issue dialogs, as typed. */
export interface IssueForm {
  title: string;
  severity: IssueSeverity;
  status: IssueStatus;
  ownerRef: string;
  /** Entity refs separated by commas; blank means the release's. */
  entityRefs: string;
  incident: string;
  ticket: string;
}

/** The form of a new issue. */
export function emptyIssueForm(): IssueForm {
  return {
    ...{ title: '', severity: 'sev2', status: 'open', ownerRef: '' },
    ...{ entityRefs: '', incident: '', ticket: '' },
  };
}

/** The form of an existing issue. */
export function issueFormOf(issue: ReleaseIssue): IssueForm {
  const link = (kind: IssueLink['kind']) =>
    issue.links.find(l => l.kind === kind)?.url ?? '';
  return {
    title: issue.title,
    severity: issue.severity,
    status: issue.status,
    ownerRef: issue.ownerRef,
    entityRefs: issue.entityRefs.join(', '),
    incident: link('incident'),
    ticket: link('ticket'),
  };
}

/** The form field a request field's message belongs under. */
function formField(path: string): keyof IssueForm | undefined {
  const [head, index] = path.split('.');
  if (head === 'links') return index === '1' ? 'ticket' : 'incident';
  return (
    ['title', 'severity', 'status', 'ownerRef', 'entityRefs'] as const
  ).find(f => f === head);
}

/**
 * The server's 400 message (`field: message; …`) as messages by form field;
 * messages of no field stay under `''`.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ResponseError) || error.statusCode !== 400) return {};
  const message = error.body.error.message;
  const errors: Record<string, string> = {};
  for (const clause of message.split('; ')) {
    const match = /^([\w.]+): (.*)$/.exec(clause);
    const field = match ? formField(match[1]) : undefined;
    const key = field ?? '';
    errors[key] = errors[key] ? `${errors[key]}; ${clause}` : clause;
  }
  return errors;
}

function links(form: IssueForm): IssueLink[] {
  return [
    ...(form.incident.trim()
      ? [{ kind: 'incident' as const, url: form.incident.trim() }]
      : []),
    ...(form.ticket.trim()
      ? [{ kind: 'ticket' as const, url: form.ticket.trim() }]
      : []),
  ];
}

function refs(value: string): string[] | undefined {
  const list = value
    .split(',')
    .map(ref => ref.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

/** Validates with the schema the server uses; messages by form field. */
function validateWith<B>(
  schema: { safeParse(v: unknown): any },
  body: object,
): FormValidation<B> {
  const result = schema.safeParse(body);
  if (result.success) return { body: body as B, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = formField(issue.path.join('.')) ?? 'title';
    errors[field] ??= issue.message;
  }
  return { errors };
}

/** Checks a new issue before it is sent. */
export function validateNewIssue(
  form: IssueForm,
): FormValidation<CreateReleaseIssueRequest> {
  return validateWith(createReleaseIssueRequestSchema, {
    title: form.title,
    severity: form.severity,
    status: form.status,
    ...(form.ownerRef.trim() && { ownerRef: form.ownerRef.trim() }),
    ...(refs(form.entityRefs) && { entityRefs: refs(form.entityRefs) }),
    links: links(form),
  });
}

/** Checks a change of an issue: only the fields that differ, with its revision. */
export function validateIssueChange(
  issue: ReleaseIssue,
  form: IssueForm,
): FormValidation<UpdateReleaseIssueRequest> {
  const before = issueFormOf(issue);
  const changed = (key: keyof IssueForm) => form[key] !== before[key];
  return validateWith(updateReleaseIssueRequestSchema, {
    revision: issue.revision,
    ...(changed('title') && { title: form.title }),
    ...(changed('severity') && { severity: form.severity }),
    ...(changed('status') && { status: form.status }),
    ...(changed('ownerRef') && { ownerRef: form.ownerRef.trim() }),
    ...(changed('entityRefs') && { entityRefs: refs(form.entityRefs) ?? [] }),
    ...((changed('incident') || changed('ticket')) && { links: links(form) }),
  });
}
