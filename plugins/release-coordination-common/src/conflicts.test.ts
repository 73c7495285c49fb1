import {
  conflictsQuerySchema,
  freezeOverrideRequestSchema,
  slotsQuerySchema,
} from './conflicts';
import { describeValidationError } from './schemas';

function errorOf(schema: { safeParse(v: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return describeValidationError(result.error);
}

describe('slotsQuerySchema', () => {
  it('parses the duration with luxon and fills defaults', () => {
    expect(
      slotsQuerySchema.parse({
        entityRef: 'component:a',
        duration: 'PT2H',
      }),
    ).toEqual({
      entityRef: ['component:default/a'],
      duration: 2 * 60 * 60 * 1000,
      count: 5,
    });
  });

  it.each([
    ['2 hours', /^duration: "2 hours" is not an ISO 8601 duration/],
    ['PT10M', /^duration: must be between 15 minutes and 90 days/],
    ['P91D', /^duration: must be between 15 minutes and 90 days/],
  ])('names the duration when it is %p', (duration, message) => {
    expect(
      errorOf(slotsQuerySchema, { entityRef: 'component:a', duration }),
    ).toMatch(message);
  });

  it('needs an entity and caps the count', () => {
    expect(errorOf(slotsQuerySchema, { duration: 'PT1H' })).toMatch(
      /^entityRef:/,
    );
    expect(
      errorOf(slotsQuerySchema, {
        entityRef: 'component:a',
        duration: 'PT1H',
        count: '21',
      }),
    ).toMatch(/^count:/);
  });
});

describe('conflictsQuerySchema', () => {
  it('accepts a year and refuses more', () => {
    expect(
      conflictsQuerySchema.safeParse({
        from: '2026-01-01T00:00:00Z',
        to: '2027-01-01T00:00:00Z',
      }).success,
    ).toBe(true);
    expect(
      errorOf(conflictsQuerySchema, {
        from: '2026-01-01T00:00:00Z',
        to: '2027-01-03T00:00:00Z',
      }),
    ).toMatch(/^to: the range may be at most 366 days/);
  });

  it('pages: 500 by default, 1 to 1,000 asked for, a cursor of at most 500 characters', () => {
    const range = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    expect(conflictsQuerySchema.parse(range).limit).toBe(500);
    expect(conflictsQuerySchema.parse({ ...range, limit: '1000' }).limit).toBe(
      1000,
    );
    expect(errorOf(conflictsQuerySchema, { ...range, limit: '1001' })).toMatch(
      /^limit:/,
    );
    expect(errorOf(conflictsQuerySchema, { ...range, limit: '0' })).toMatch(
      /^limit:/,
    );
    expect(
      errorOf(conflictsQuerySchema, { ...range, cursor: 'x'.repeat(501) }),
    ).toMatch(/^cursor:/);
    // the range's own rule still holds on the paged query
    expect(
      errorOf(conflictsQuerySchema, {
        ...range,
        to: '2025-12-01T00:00:00Z',
        limit: '10',
      }),
    ).toMatch(/^to: must not be before from/);
  });
});

describe('freezeOverrideRequestSchema', () => {
  it('needs a written reason', () => {
    expect(errorOf(freezeOverrideRequestSchema, { reason: ' ' })).toMatch(
      /^reason:/,
    );
    expect(errorOf(freezeOverrideRequestSchema, {})).toMatch(/^reason:/);
  });
});
