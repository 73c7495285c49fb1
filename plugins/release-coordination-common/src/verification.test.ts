import { describeValidationError } from './schemas';
import {
  compareMetric,
  createCriterionRequestSchema,
  recordCriterionResultSchema,
  updateCriterionRequestSchema,
} from './verification';

function errorOf(schema: { safeParse(v: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return describeValidationError(result.error);
}

const check = {
  metric: 'error_rate',
  comparator: '<',
  threshold: 0.5,
  window: 'PT4H',
};

describe('createCriterionRequestSchema', () => {
  it('takes a text, an owner and an optional measurable check', () => {
    expect(
      createCriterionRequestSchema.parse({
        text: ' Error rate stays low ',
        ownerRef: 'group:Payments-Team',
        check,
      }),
    ).toEqual({
      text: 'Error rate stays low',
      ownerRef: 'group:default/payments-team',
      check,
    });
  });

  it('names the field of bad input', () => {
    expect(errorOf(createCriterionRequestSchema, { ownerRef: 'user:a' })).toBe(
      'text: Invalid input: expected string, received undefined',
    );
    expect(
      errorOf(createCriterionRequestSchema, {
        text: 'x',
        ownerRef: 'component:a',
      }),
    ).toBe('ownerRef: must be a user or group ref (user:… or group:…)');
    expect(
      errorOf(createCriterionRequestSchema, {
        text: 'x',
        ownerRef: 'user:a',
        check: { ...check, window: 'four hours' },
      }),
    ).toBe(
      'check.window: "FOUR HOURS" is not an ISO 8601 duration (e.g. PT2H, P2D)',
    );
    expect(
      errorOf(createCriterionRequestSchema, {
        text: 'x',
        ownerRef: 'user:a',
        check: { ...check, window: 'P1Y' },
      }),
    ).toBe('check.window: may be at most 90 days');
    expect(
      errorOf(createCriterionRequestSchema, {
        text: 'x',
        ownerRef: 'user:a',
        check: { ...check, comparator: '!=' },
      }),
    ).toMatch(/^check\.comparator: /);
    expect(
      errorOf(createCriterionRequestSchema, {
        text: 'x',
        ownerRef: 'user:a',
        check: { ...check, metric: 'a b' },
      }),
    ).toMatch(/^check\.metric: must be a metric name/);
  });
});

describe('updateCriterionRequestSchema', () => {
  it('needs at least one field and removes a check with null', () => {
    expect(errorOf(updateCriterionRequestSchema, {})).toBe(
      'name at least one of text, check, ownerRef',
    );
    expect(updateCriterionRequestSchema.parse({ check: null })).toEqual({
      check: null,
    });
  });
});

describe('recordCriterionResultSchema', () => {
  it('needs a reason for a waiver and an allowed evidence link', () => {
    const schema = recordCriterionResultSchema();
    expect(errorOf(schema, { result: 'waived' })).toBe(
      'waiverReason: a waiver needs a reason',
    );
    expect(errorOf(schema, { result: 'waived', waiverReason: '  ' })).toBe(
      'waiverReason: a waiver needs a reason',
    );
    expect(
      // eslint-disable-next-line no-script-url -- hostile input under test
      errorOf(schema, { result: 'met', evidence: 'javascript:alert(1)' }),
    ).toBe('evidence: must be an http(s) URL');
    expect(errorOf(schema, { result: 'done' })).toMatch(/^result: /);
    expect(
      recordCriterionResultSchema(['https', 'grafana']).parse({
        result: 'met',
        evidence: 'grafana://dash/1',
        observedValue: '0.2 %',
      }),
    ).toEqual({
      result: 'met',
      evidence: 'grafana://dash/1',
      observedValue: '0.2 %',
    });
  });
});

describe('compareMetric', () => {
  it.each([
    [0.4, '<', 0.5, true],
    [0.5, '<', 0.5, false],
    [0.5, '<=', 0.5, true],
    [0.6, '>', 0.5, true],
    [0.5, '>=', 0.5, true],
    [0.4, '>=', 0.5, false],
    [0.5, '==', 0.5, true],
    [0.4, '==', 0.5, false],
  ] as const)('%p %s %p is %p', (value, comparator, threshold, expected) => {
    expect(compareMetric(value, comparator, threshold)).toBe(expected);
  });
});
