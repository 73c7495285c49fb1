import fc from 'fast-check';
import {
  createReleaseRequestSchema,
  describeValidationError,
  entityRefSchema,
  listReleasesQuerySchema,
  updateReleaseRequestSchema,
} from './schemas';

const valid = {
  title: 'Payments 2.1',
  version: '2.1.0',
  type: 'normal',
  window: { start: '2026-12-01T10:00:00+01:00', end: '2026-12-01T12:00:00Z' },
  entityRefs: ['component:payments-api', 'Component:default/payments-api'],
};

function errorOf(schema: { safeParse(v: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return describeValidationError(result.error);
}

describe('createReleaseRequestSchema', () => {
  it('normalises refs and timestamps and fills defaults', () => {
    const parsed = createReleaseRequestSchema.parse(valid);
    expect(parsed.entityRefs).toEqual(['component:default/payments-api']);
    expect(parsed.window).toEqual({
      start: '2026-12-01T09:00:00.000Z',
      end: '2026-12-01T12:00:00.000Z',
    });
    expect(parsed.description).toBe('');
    expect(parsed.changes).toEqual([]);
  });

  it.each([
    [{ title: '' }, /^title:/],
    [{ title: 'x'.repeat(201) }, /^title:/],
    [{ description: 'x'.repeat(20_001) }, /^description:/],
    [{ type: 'sometimes' }, /^type:/],
    [{ entityRefs: [] }, /^entityRefs:/],
    [{ entityRefs: ['no kind here'] }, /^entityRefs\.0: "no kind here"/],
    [
      { entityRefs: Array.from({ length: 101 }, (_, i) => `component:c${i}`) },
      /^entityRefs:/,
    ],
    [
      {
        window: { start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z' },
      },
      /^window\.end: must be after window\.start/,
    ],
    [
      {
        window: { start: '2026-01-01T00:00:00Z', end: '2026-06-01T00:00:00Z' },
      },
      /^window\.end: window may be at most 90 days/,
    ],
    [
      { window: { start: 'tomorrow', end: '2026-06-01T00:00:00Z' } },
      /^window\.start:/,
    ],
    [{ colour: 'red' }, /unknown field\(s\): colour/],
  ])('rejects %j naming the field', (override, message) => {
    expect(
      errorOf(createReleaseRequestSchema, { ...valid, ...override }),
    ).toMatch(message);
  });
});

describe('updateReleaseRequestSchema', () => {
  it('needs a revision and at least one field', () => {
    expect(errorOf(updateReleaseRequestSchema, { title: 'x' })).toMatch(
      /^revision:/,
    );
    expect(errorOf(updateReleaseRequestSchema, { revision: 1 })).toMatch(
      /at least one field/,
    );
    expect(
      updateReleaseRequestSchema.parse({ revision: 3, title: ' New ' }),
    ).toEqual({ revision: 3, title: 'New' });
  });
});

describe('listReleasesQuerySchema', () => {
  it('accepts one or several values of repeatable parameters', () => {
    expect(
      listReleasesQuerySchema.parse({ entityRef: 'component:a', limit: '10' }),
    ).toMatchObject({ entityRef: ['component:default/a'], limit: 10 });
    expect(
      listReleasesQuerySchema.parse({ state: ['draft', 'planned'] }).state,
    ).toEqual(['draft', 'planned']);
  });

  it('rejects bad limits, states and ranges', () => {
    expect(errorOf(listReleasesQuerySchema, { limit: '0' })).toMatch(/^limit:/);
    expect(errorOf(listReleasesQuerySchema, { state: 'done' })).toMatch(
      /^state\.0:/,
    );
    expect(
      errorOf(listReleasesQuerySchema, {
        from: '2026-02-01T00:00:00Z',
        to: '2026-01-01T00:00:00Z',
      }),
    ).toMatch(/^to:/);
  });
});

describe('entityRefSchema', () => {
  it('is idempotent for any valid ref', () => {
    const part = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,20}$/);
    fc.assert(
      fc.property(part, part, part, (kind, namespace, name) => {
        const once = entityRefSchema.parse(`${kind}:${namespace}/${name}`);
        expect(entityRefSchema.parse(once)).toBe(once);
        expect(once).toBe(`${kind}:${namespace}/${name}`.toLowerCase());
      }),
    );
  });
});
