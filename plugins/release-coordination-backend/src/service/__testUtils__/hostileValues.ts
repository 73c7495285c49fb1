/*
 * fast-check arbitraries of hostile values for the hostile-input tests:
 * special and huge strings, keys, dates, RRULEs, time zones, any JSON value,
 * and valid values with one field broken.
 */
import fc from 'fast-check';
import { REFS, USER } from './hostileCatalog';

const NOW = Date.now();
const MINUTE = 60 * 1000;

/** An object whose own enumerable keys are exactly the entries' (`__proto__` too). */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  'component:default/checkout-service\u0000',
  '\u202Eecivres-tuokcehc\u202C',
  '\u200B',
  '\uFEFF',
  '\uD800',
  'Ω≈ç√∫˜µ≤≥÷',
  '🚀🔥'.repeat(20),
  "' OR '1'='1",
  "'; DROP TABLE releases; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)--',
  "1' UNION SELECT * FROM calendar_feeds --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  ['javascript', 'alert(1)'].join(':'),
  'data:text/html,<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  ':::',
  'a:b:c/d/e',
  'kind:ns/',
  'Component:Default/Checkout-Service',
  ...REFS.components,
  ...REFS.groups,
  ...REFS.systems,
  USER,
];

/** Hostile keys of objects and query strings. */
export const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    '\u0000',
    '$where',
    '$gt',
  ),
  fc.string({ maxLength: 12 }),
);

/** Strings past every length limit of the API (1.1 M characters is past the 1 MB body limit). */
const hugeString = fc
  .tuple(
    fc.constantFrom(201, 2_001, 20_001, 100_001, 1_100_000),
    fc.constantFrom('a', 'é', '\u0000', '🚀', "';--"),
  )
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Strings of every kind: special, SQL- and script-like, random unicode, huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...SPECIAL_STRINGS), fc.string({ maxLength: 10 }))
      .map(([a, b]) => `${a}${b}`),
  },
  { weight: 1, arbitrary: hugeString },
);

/** The ISO string of an epoch time. */
export const isoAt = (ms: number) => new Date(ms).toISOString();

/** A valid timestamp a minute-aligned distance from now, between `minDays` and `maxDays`. */
export const nearTimestamp = (minDays = -10, maxDays = 120) =>
  fc
    .integer({ min: minDays * 24 * 60, max: maxDays * 24 * 60 })
    .map(minutes =>
      isoAt(Math.floor(NOW / MINUTE) * MINUTE + minutes * MINUTE),
    );

/** Invalid, extreme and oddly written dates (and some valid ones). */
export const hostileDate: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '2026-13-45T99:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-11-26T10:00:00',
    '2026-11-26',
    '2026-11-26T10:00:00+25:00',
    '2026-11-26T24:00:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+999999-01-01T00:00:00Z',
    'Invalid Date',
    'now',
    'tomorrow',
    '',
    'T',
    '2026-11-26T10:00:00.123456789Z',
    '２０２６-11-26T10:00:00Z',
  ),
  fc
    .date({ noInvalidDate: false })
    .map(date =>
      Number.isNaN(date.getTime()) ? 'Invalid Date' : isoAt(date.getTime()),
    ),
  fc
    .tuple(
      nearTimestamp(-4000, 4000),
      fc.constantFrom('Z', '+14:00', '-12:00', '+00:00', '+99:99'),
    )
    .map(([iso, zone]) => iso.replace('Z', zone)),
  fc.integer().map(n => n),
  nearTimestamp(),
);

/** Invalid, unbounded and valid RRULEs. */
export const hostileRrule: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'FREQ=WEEKLY;BYDAY=SA,SU',
    'RRULE:FREQ=DAILY',
    'FREQ=SECONDLY',
    'FREQ=MINUTELY;INTERVAL=1',
    'FREQ=WEEKLY;INTERVAL=0',
    'FREQ=DAILY;COUNT=-1',
    'FREQ=DAILY;COUNT=99999999',
    'FREQ=YEARLY;BYYEARDAY=366;BYMONTHDAY=31;BYMONTH=2',
    'FREQ=DAILY;UNTIL=99991231T235959Z',
    'FREQ=DAILY;BYHOUR=25',
    'FREQ=DAILY;BYDAY=XX',
    'FREQ=MONTHLY;BYSETPOS=0',
    'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
    'FREQ=DAILY\r\nX-EVIL:1',
    'X=Y',
    'FREQ=',
    ';;;',
  ),
  fc
    .array(
      fc.constantFrom(
        'FREQ=DAILY',
        'FREQ=WEEKLY',
        'FREQ=YEARLY',
        'FREQ=HOURLY',
        'INTERVAL=0',
        'INTERVAL=-3',
        'INTERVAL=1000000',
        'COUNT=0',
        'COUNT=5',
        'BYDAY=MO,TU',
        'BYDAY=5FR',
        'BYMONTH=13',
        'BYWEEKNO=54',
        'BYSECOND=60',
        'UNTIL=garbage',
        'UNTIL=20270101T000000Z',
        'WKST=ZZ',
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map(parts => parts.join(';')),
  hostileString,
);

/** Unknown, malformed and valid IANA time zones. */
export const hostileTimeZone: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'Europe/Berlin',
    'UTC',
    'utc',
    'Etc/GMT+14',
    'Etc/GMT-15',
    'America/Argentina/ComodRivadavia',
    'Mars/Olympus_Mons',
    'UTC+99',
    '+05:30',
    '../../etc/localtime',
    'Europe/Berlin\u0000',
  ),
  hostileString,
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileDate },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.MAX_SAFE_INTEGER,
      2 ** 53 + 1,
      -0,
      1e308,
      -1,
      0,
      true,
      false,
      null,
    ),
  },
);

/** Arrays and objects nested hundreds to thousands of levels deep. */
const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean(), scalar)
  .map(([depth, asArray, leaf]) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) {
      value = asArray ? [value] : { a: value };
    }
    return value;
  });

const tree = fc.letrec<{ value: unknown; array: unknown[]; object: unknown }>(
  tie => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      tie('array'),
      tie('object'),
    ),
    array: fc.array(tie('value'), { maxLength: 5 }),
    object: fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 })
      .map(ownObject),
  }),
);

/** Any JSON value: wrong types, hostile strings, `__proto__` keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: tree.value },
  { weight: 1, arbitrary: deepNesting },
);

type Mutation = 'replace' | 'remove' | 'add-unknown' | 'proto' | 'wrap';

/** Every path (array of keys) inside a JSON value, the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []) {
  const paths: (string | number)[][] = [];
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...prefix, Array.isArray(value) ? Number(key) : key];
      paths.push(childPath, ...pathsOf(child, childPath));
    }
  }
  return paths;
}

/** A copy of `body` with one field broken as `how` says. */
function breakOneField(
  body: unknown,
  pick: number,
  value: unknown,
  key: string,
  how: Mutation,
): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  const paths = pathsOf(copy);
  if (paths.length === 0) return value;
  const target = paths[pick % paths.length];
  const parent = target
    .slice(0, -1)
    .reduce<any>((node, step) => node[step], copy);
  const last = target[target.length - 1];
  switch (how) {
    case 'replace':
      parent[last] = value;
      break;
    case 'remove':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 'wrap':
      parent[last] = [parent[last]];
      break;
    default: {
      const holder = Array.isArray(parent) ? copy : parent;
      Object.defineProperty(holder, how === 'proto' ? '__proto__' : key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

/** A valid value of `valid` with one field replaced, removed, wrapped or joined by an unknown or `__proto__` key. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      valid,
      fc.nat(),
      hostileValue,
      hostileKey,
      fc.constantFrom<Mutation>(
        'replace',
        'replace',
        'replace',
        'remove',
        'add-unknown',
        'proto',
        'wrap',
      ),
    )
    .map(([body, pick, value, key, how]) =>
      breakOneField(body, pick, value, key, how),
    );
}
