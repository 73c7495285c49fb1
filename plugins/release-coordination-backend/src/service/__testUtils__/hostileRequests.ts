/*
 * fast-check arbitraries of whole requests for the hostile-input tests:
 * bodies (JSON or not), path segments and query strings around valid ones.
 */
import fc from 'fast-check';
import {
  hostileDate,
  hostileKey,
  hostileString,
  hostileValue,
  mutated,
} from './hostileValues';

/** A request body as sent: its content type and text (none when `text` is undefined). */
export interface RawBody {
  contentType?: string;
  text?: string;
}

const asJson = (value: unknown): RawBody => ({
  contentType: 'application/json',
  text: JSON.stringify(value) ?? 'null',
});

/** Bodies that are not JSON, or not JSON as declared. */
const notJson: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constantFrom<RawBody>(
    {},
    { contentType: 'application/json', text: '' },
    { contentType: 'application/json', text: '{' },
    { contentType: 'application/json', text: '{"title": "x",}' },
    { contentType: 'application/json', text: "{'title': 'x'}" },
    { contentType: 'application/json', text: 'NaN' },
    { contentType: 'application/json', text: '\u0000' },
    { contentType: 'application/json; charset=utf-7', text: '{}' },
    {
      contentType: 'application/x-www-form-urlencoded',
      text: 'a=1&__proto__[admin]=1',
    },
    { contentType: 'text/plain', text: '{"title":"x"}' },
    {
      contentType: 'application/xml',
      text: '<release><title>x</title></release>',
    },
    { contentType: 'multipart/form-data; boundary=x', text: '--x--' },
  ),
  fc
    .tuple(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/octet-stream',
      ),
    )
    .map(([text, contentType]) => ({ contentType, text })),
);

/**
 * Request bodies around a valid one: valid bodies, valid bodies with one field
 * broken, any hostile JSON value and bodies that are not JSON.
 */
export function hostileBody(
  valid: fc.Arbitrary<unknown>,
): fc.Arbitrary<RawBody> {
  return fc.oneof(
    { weight: 3, arbitrary: valid.map(asJson) },
    { weight: 8, arbitrary: mutated(valid).map(asJson) },
    { weight: 2, arbitrary: hostileValue.map(asJson) },
    { weight: 1, arbitrary: notJson },
  );
}

/** The body of a DELETE, which takes none: mostly none, sometimes a hostile one. */
export const deleteBody: fc.Arbitrary<RawBody | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: hostileBody(fc.constant({})) },
);

/** Percent-encodes a string; lone surrogates (not encodable) become U+FFFD. */
const encode = (value: string) =>
  encodeURIComponent(
    value.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );

/**
 * A path segment: one of the given (valid) ids mostly, else a hostile string
 * (percent-encoded) or a raw segment with broken percent-encoding.
 */
export function pathSegment(ids: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...ids).map(encode) },
    {
      weight: 4,
      arbitrary: fc
        .oneof(
          hostileString.filter(s => s.length < 5000),
          fc.uuid(),
          fc.constantFrom('..', '.', ' '),
        )
        .map(encode),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%E0%A4%A',
        '%ED%A0%80',
        '%C0%AF',
        '%00',
        '%2F..%2F',
      ),
    },
  );
}

/** A query string's parameters: a name and one value or several (repeated). */
export type QueryParams = Record<string, fc.Arbitrary<string | string[]>>;

const rawQueryPieces = fc.constantFrom(
  '__proto__[admin]=1',
  'constructor[prototype][admin]=1',
  '__proto__=1',
  'from[$gt]=2026-01-01',
  'limit[]=1',
  'entityRef[0][1][2][3][4][5][6]=x',
  'a[b][c][d][e][f][g][h][i][j][k]=1',
  '&&&',
  '=',
  '%',
  '%00=%00',
  'limit=1&limit=2',
  `entityRef=${'x,'.repeat(2000)}`,
);

const encodeEntry = (key: string, value: string) =>
  `${encode(key)}=${encode(value)}`;

function queryString(
  entries: [string, string | string[] | undefined][],
): string {
  return entries
    .filter(
      (entry): entry is [string, string | string[]] => entry[1] !== undefined,
    )
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map(v => encodeEntry(key, v)),
    )
    .join('&');
}

function asQueryValue(value: unknown): string | string[] {
  const text = (v: unknown) =>
    typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  return Array.isArray(value) ? value.map(text) : text(value);
}

/**
 * Query strings around valid ones: valid parameters, valid ones with one
 * value broken or repeated, unknown and `__proto__` keys, bracket syntax.
 */
export function hostileQuery(
  params: QueryParams,
  /** Parameters with no valid value here, only ever sent broken. */
  brokenOnly: string[] = [],
): fc.Arbitrary<string> {
  const names = [...Object.keys(params), ...brokenOnly];
  const valid = fc.record(params, { requiredKeys: [] });
  const broken = fc
    .tuple(
      valid,
      fc.constantFrom(...names),
      fc.oneof(
        hostileString.filter(s => s.length < 20_000),
        hostileDate,
        fc.array(
          hostileString.filter(s => s.length < 1000),
          { maxLength: 120 },
        ),
      ),
    )
    .map(([query, name, value]) => ({ ...query, [name]: asQueryValue(value) }));
  return fc.oneof(
    { weight: 3, arbitrary: valid.map(q => queryString(Object.entries(q))) },
    { weight: 6, arbitrary: broken.map(q => queryString(Object.entries(q))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.array(
            fc.tuple(
              hostileKey,
              hostileString.filter(s => s.length < 1000),
            ),
            {
              maxLength: 4,
            },
          ),
          fc.array(rawQueryPieces, { maxLength: 3 }),
        )
        .map(([query, extra, raw]) =>
          [queryString([...Object.entries(query), ...extra]), ...raw]
            .filter(Boolean)
            .join('&'),
        ),
    },
  );
}
