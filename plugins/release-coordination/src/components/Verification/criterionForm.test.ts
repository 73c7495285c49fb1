import { ResponseError } from '@backstage/errors';
import {
  criterionFormOf,
  resultFormOf,
  serverErrors,
  validateCriterion,
  validateResult,
} from './criterionForm';

const OWNER = 'group:default/payments';

describe('criterion form', () => {
  it('builds the request, with the check only when measurable', () => {
    const form = {
      ...criterionFormOf(undefined, OWNER),
      text: 'Tickets normal',
    };
    expect(validateCriterion(form)).toEqual({
      body: { text: 'Tickets normal', ownerRef: OWNER },
      errors: {},
    });
    expect(
      validateCriterion({
        ...form,
        measurable: true,
        metric: 'error_rate',
        threshold: '0.5',
        window: 'P1D',
      }).body?.check,
    ).toEqual({
      metric: 'error_rate',
      comparator: '<',
      threshold: 0.5,
      window: 'P1D',
    });
    expect(
      validateCriterion({
        ...form,
        measurable: true,
        metric: 'a b',
        threshold: '',
        window: 'soon',
      }).errors,
    ).toEqual({
      'check.metric': expect.stringMatching(/^must be a metric name/),
      'check.threshold': 'must be a number',
      'check.window': '"SOON" is not an ISO 8601 duration (e.g. PT2H, P2D)',
    });
  });

  it('needs a result, an allowed evidence link and a reason for a waiver', () => {
    const form = resultFormOf({
      id: 'c1',
      releaseId: 'r1',
      text: 't',
      ownerRef: OWNER,
      proposal: {
        result: 'met',
        observedValue: 0.2,
        checker: 'http',
        checkedAt: '2030-01-01T00:00:00Z',
      },
      createdBy: 'u',
      createdAt: '2030-01-01T00:00:00Z',
      updatedAt: '2030-01-01T00:00:00Z',
    });
    expect(form.observedValue).toBe('0.2');
    expect(validateResult(form, ['https']).errors).toEqual({
      result: 'choose met, not met or waived',
    });
    expect(
      validateResult(
        { ...form, result: 'met', evidence: 'http://x.example.com' },
        ['https'],
      ).errors,
    ).toEqual({ evidence: 'must be a URL with scheme https' });
    expect(
      validateResult({ ...form, result: 'waived' }, ['https']).errors,
    ).toEqual({
      waiverReason: 'a waiver needs a reason',
    });
  });

  it('puts the clauses of a server 400 next to the fields they name', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'InputError',
          message: 'check.window: may be at most 90 days; something else',
        },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    expect(serverErrors(error, ['text', 'check.window'])).toEqual({
      errors: { 'check.window': 'may be at most 90 days' },
      message: 'something else',
    });
    expect(serverErrors(new Error('offline'), ['text'])).toEqual({
      errors: {},
      message: 'offline',
    });
  });
});
