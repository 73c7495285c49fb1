import {
  describeValidationError,
  DEFAULT_TIME_HORIZON,
  hotfixRequestSchema,
  rollbackDecisionRequestSchema,
  rollbackStepUpdateSchema,
} from './index';

const errorOf = (schema: { safeParse(v: unknown): any }, value: unknown) => {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return describeValidationError(result.error);
};

describe('rollbackDecisionRequestSchema', () => {
  it('fills the defaults and normalises scope refs', () => {
    expect(
      rollbackDecisionRequestSchema.parse({ revision: 3, reason: ' p99 up ' }),
    ).toEqual({
      revision: 3,
      reason: 'p99 up',
      triggeredBy: { criterionIds: [], issueIds: [] },
      scope: 'release',
      emergency: false,
    });
    expect(
      rollbackDecisionRequestSchema.parse({
        revision: 1,
        reason: 'x',
        scope: { entityRefs: ['Component:checkout'] },
        steps: [{ title: 'Redeploy', ownerRef: 'user:alice' }],
      }),
    ).toMatchObject({
      scope: { entityRefs: ['component:default/checkout'] },
      steps: [{ title: 'Redeploy', ownerRef: 'user:default/alice' }],
    });
  });

  it('names the field of every mistake', () => {
    expect(errorOf(rollbackDecisionRequestSchema, { revision: 1 })).toBe(
      'reason: is required',
    );
    expect(
      errorOf(rollbackDecisionRequestSchema, { revision: 1, reason: '  ' }),
    ).toBe('reason: must not be blank');
    expect(
      errorOf(rollbackDecisionRequestSchema, {
        revision: 1,
        reason: 'x',
        scope: { entityRefs: [] },
      }),
    ).toMatch(/^scope/);
    expect(
      errorOf(rollbackDecisionRequestSchema, {
        revision: 1,
        reason: 'x',
        steps: [{ title: 'a', ownerRef: 'component:default/x' }],
      }),
    ).toBe('steps.0.ownerRef: must be a user or group ref');
    expect(
      errorOf(rollbackDecisionRequestSchema, {
        revision: 1,
        reason: 'x',
        triggeredBy: { issueIds: [''] },
      }),
    ).toMatch(/^triggeredBy\.issueIds\.0:/);
  });
});

describe('rollbackStepUpdateSchema and hotfixRequestSchema', () => {
  it('accept the documented bodies and refuse others by field', () => {
    expect(
      rollbackStepUpdateSchema.parse({ revision: 2, status: 'done' }),
    ).toEqual({ revision: 2, status: 'done' });
    expect(
      errorOf(rollbackStepUpdateSchema, { revision: 2, status: 'skipped' }),
    ).toMatch(/^status:/);
    const hotfix = hotfixRequestSchema(DEFAULT_TIME_HORIZON);
    expect(hotfix.parse({})).toEqual({});
    expect(errorOf(hotfix, { window: { start: 'soon' } })).toMatch(
      /^window\.start:/,
    );
  });
});
