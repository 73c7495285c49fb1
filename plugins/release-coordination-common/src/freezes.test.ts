import {
  createFreezeRequestSchema,
  freezeOccurrencesQuerySchema,
} from './freezes';
import { describeValidationError } from './schemas';
import {
  freezeManagePermission,
  releaseCoordinationPermissions,
} from './permissions';

const valid = {
  title: 'Weekend freeze',
  scope: { all: true },
  start: '2026-11-27T16:00:00+01:00',
  end: '2026-11-30T08:00:00+01:00',
  recurrence: {
    rrule: 'RRULE:freq=weekly;byday=FR',
    timezone: 'Europe/Berlin',
  },
};

function errorOf(value: unknown) {
  const result = createFreezeRequestSchema.safeParse(value);
  expect(result.success).toBe(false);
  return describeValidationError(result.error!);
}

describe('createFreezeRequestSchema', () => {
  it('normalises times, rule and scope', () => {
    const parsed = createFreezeRequestSchema.parse({
      ...valid,
      scope: { systems: ['payments', 'payments'], groups: ['team-a'] },
    });
    expect(parsed.start).toBe('2026-11-27T15:00:00.000Z');
    expect(parsed.recurrence).toEqual({
      rrule: 'FREQ=WEEKLY;BYDAY=FR',
      timezone: 'Europe/Berlin',
      exdates: [],
    });
    expect(parsed.scope).toEqual({
      all: false,
      domains: [],
      systems: ['system:default/payments'],
      groups: ['group:default/team-a'],
      entities: [],
    });
    expect(parsed.exemptTypes).toBeUndefined();
  });

  it.each([
    [
      { recurrence: { ...valid.recurrence, rrule: 'FREQ=NEVER' } },
      /^recurrence\.rrule:/,
    ],
    [
      { recurrence: { ...valid.recurrence, rrule: 'FREQ=MINUTELY' } },
      /^recurrence\.rrule: FREQ may be at most HOURLY/,
    ],
    [
      {
        recurrence: {
          ...valid.recurrence,
          rrule: 'FREQ=WEEKLY;UNTIL=20270101T000000Z',
        },
      },
      /^recurrence\.rrule: UNTIL/,
    ],
    [
      {
        recurrence: {
          ...valid.recurrence,
          rrule: 'FREQ=WEEKLY;BYDAY=FR;BYEASTER=0',
        },
      },
      /^recurrence\.rrule: not a valid RFC 5545 RRULE: unknown rule part "BYEASTER"/,
    ],
    [
      { recurrence: { ...valid.recurrence, timezone: 'Europe/Atlantis' } },
      /^recurrence\.timezone:/,
    ],
    [
      { recurrence: { ...valid.recurrence, until: '2026-01-01T00:00:00Z' } },
      /^recurrence\.until: must not be before start/,
    ],
    [
      { end: '2026-11-27T15:10:00Z' },
      /^end: a freeze occurrence must last at least 30 minutes/,
    ],
    [{ end: '2026-11-01T00:00:00Z' }, /^end: must be after start/],
    [{ scope: {} }, /^scope: name at least one/],
    [
      { scope: { groups: ['system:x'] } },
      /^scope\.groups\.0: "system:x" is not a group/,
    ],
    [{ exemptTypes: ['sometimes'] }, /^exemptTypes\.0:/],
    [{ colour: 'red' }, /unknown field\(s\): colour/],
  ])('rejects %j naming the field', (patch, message) => {
    expect(errorOf({ ...valid, ...patch })).toMatch(message);
  });
});

describe('freezeOccurrencesQuerySchema', () => {
  it('accepts one or several entity refs and limits the range', () => {
    expect(
      freezeOccurrencesQuerySchema.parse({
        from: '2026-01-01T00:00:00Z',
        to: '2026-02-01T00:00:00Z',
        entityRef: 'component:a',
      }).entityRef,
    ).toEqual(['component:default/a']);
    const result = freezeOccurrencesQuerySchema.safeParse({
      from: '2026-01-01T00:00:00Z',
      to: '2027-01-03T00:00:00Z',
    });
    expect(describeValidationError(result.error!)).toMatch(/^to: the range/);
  });
});

describe('freezeManagePermission', () => {
  it('is a basic permission listed with the others', () => {
    expect(freezeManagePermission).toMatchObject({
      name: 'release-coordination.freeze.manage',
      type: 'basic',
    });
    expect(releaseCoordinationPermissions).toContain(freezeManagePermission);
  });
});
