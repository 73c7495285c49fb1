import { ResponseError } from '@backstage/errors';
import {
  CreateCriterionRequest,
  createCriterionRequestSchema,
  CriterionComparator,
  CriterionResult,
  RecordCriterionResultRequest,
  recordCriterionResultSchema,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { FormValidation } from '../shared/FormDialog';
import { errorMessage } from '../shared/format';

/** The fields of the add / edit criterion form, as typed. */
export interface CriterionForm {
  text: string;
  ownerRef: string;
  measurable: boolean;
  metric: string;
  comparator: CriterionComparator;
  threshold: string;
  window: string;
}

/** The form for a criterion: its values, or empty with the release's owner. */
export function criterionFormOf(
  criterion: SuccessCriterion | undefined,
  defaultOwnerRef: string,
): CriterionForm {
  const check = criterion?.check;
  return {
    text: criterion?.text ?? '',
    ownerRef: criterion?.ownerRef ?? defaultOwnerRef,
    measurable: Boolean(check),
    metric: check?.metric ?? '',
    comparator: check?.comparator ?? '<',
    threshold: check ? String(check.threshold) : '',
    window: check?.window ?? 'PT4H',
  };
}

/** Messages by field (`text`, `check.window`, …) of a failed zod parse. */
function messagesOf(error: {
  issues: { path: PropertyKey[]; message: string }[];
}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    errors[issue.path.join('.')] ??= issue.message;
  }
  return errors;
}

/** Checks the criterion form with the schema the backend uses. */
export function validateCriterion(
  form: CriterionForm,
): FormValidation<CreateCriterionRequest> {
  const threshold = form.threshold.trim() === '' ? NaN : Number(form.threshold);
  const body = {
    text: form.text,
    ownerRef: form.ownerRef,
    ...(form.measurable && {
      check: {
        metric: form.metric,
        comparator: form.comparator,
        threshold,
        window: form.window,
      },
    }),
  };
  const result = createCriterionRequestSchema.safeParse(body);
  const errors = result.success ? {} : messagesOf(result.error);
  if (form.measurable && !Number.isFinite(threshold)) {
    errors['check.threshold'] = 'must be a number';
  }
  return Object.keys(errors).length > 0 ? { errors } : { body, errors };
}

/** The fields of the record-result form, as typed. */
export interface ResultForm {
  result: CriterionResult | '';
  evidence: string;
  observedValue: string;
  waiverReason: string;
}

/** The form for recording a criterion: its result, or the checker's value. */
export function resultFormOf(criterion: SuccessCriterion): ResultForm {
  const { outcome, proposal } = criterion;
  return {
    result: outcome?.result ?? '',
    evidence: outcome?.evidence ?? '',
    observedValue:
      outcome?.observedValue ??
      (proposal?.observedValue === undefined
        ? ''
        : String(proposal.observedValue)),
    waiverReason: outcome?.waiverReason ?? '',
  };
}

/** Checks the record-result form with the schema the backend uses. */
export function validateResult(
  form: ResultForm,
  linkSchemes: readonly string[],
): FormValidation<RecordCriterionResultRequest> {
  if (!form.result) {
    return { errors: { result: 'choose met, not met or waived' } };
  }
  const body: RecordCriterionResultRequest = {
    result: form.result,
    ...(form.evidence.trim() && { evidence: form.evidence.trim() }),
    ...(form.observedValue.trim() && {
      observedValue: form.observedValue.trim(),
    }),
    ...(form.result === 'waived' && { waiverReason: form.waiverReason }),
  };
  const result = recordCriterionResultSchema(linkSchemes).safeParse(body);
  return result.success
    ? { body, errors: {} }
    : { errors: messagesOf(result.error) };
}

/**
 * A failed save split for the form: the clauses of a 400 (`field: message;
 * …`) that name one of `fields` go next to that field, the rest above the
 * fields.
 */
export function serverErrors(
  error: unknown,
  fields: readonly string[],
): { errors: Record<string, string>; message?: string } {
  const message = errorMessage(error);
  if (!(error instanceof ResponseError) || error.statusCode !== 400) {
    return { errors: {}, message };
  }
  const errors: Record<string, string> = {};
  const rest: string[] = [];
  for (const clause of message.split('; ')) {
    const colon = clause.indexOf(': ');
    const field = colon > 0 ? clause.slice(0, colon) : '';
    if (fields.includes(field)) errors[field] ??= clause.slice(colon + 2);
    else rest.push(clause);
  }
  return { errors, message: rest.length > 0 ? rest.join('; ') : undefined };
}
