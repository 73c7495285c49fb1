/*
 * Test-only kit of the hostile-input property tests (`src/service/hostile*.test.ts`):
 * the plugin started with its real wiring over a seeded database, fast-check
 * arbitraries of hostile values, and a runner that sends each generated request
 * and checks that it never gets a 5xx and that a refused request (4xx) writes
 * nothing. It also records each request's duration for the results file (never
 * asserted: the machines are shared and noisy).
 */
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { testEntity } from '../../catalogGraph/testCatalog';
import { releaseCoordinationPlugin } from '../../plugin';

/** Cases each endpoint is tried with. */
export const RUNS_PER_ENDPOINT = 1000;

/** The plugin's base path in the test backend. */
export const API = '/api/release-coordination';

const NOW = Date.now();
const MINUTE = 60 * 1000;

/** The user every request is made as (the test backend's default credentials). */
const USER = 'user:default/mock';

/** The small catalog of the tests: two teams, their users, components and a system. */
export const CATALOG = [
  testEntity('group:default/checkout-team', {
    spec: { type: 'team' },
    relations: [['hasMember', USER]],
  }),
  testEntity('group:default/platform-team', {
    spec: { type: 'team' },
    relations: [['hasMember', 'user:default/carol']],
  }),
  testEntity(USER, {
    relations: [['memberOf', 'group:default/checkout-team']],
  }),
  testEntity('user:default/carol', {
    relations: [['memberOf', 'group:default/platform-team']],
  }),
  testEntity('system:default/checkout', {
    spec: { owner: 'group:default/checkout-team' },
  }),
  ...['checkout-service', 'cart-service'].map(name =>
    testEntity(`component:default/${name}`, {
      spec: {
        owner: 'group:default/checkout-team',
        system: 'system:default/checkout',
        lifecycle: 'production',
        type: 'service',
      },
      relations: [
        ['ownedBy', 'group:default/checkout-team'],
        ['partOf', 'system:default/checkout'],
      ],
    }),
  ),
  testEntity('component:default/payments-service', {
    spec: {
      owner: 'group:default/platform-team',
      lifecycle: 'production',
      type: 'service',
    },
    relations: [['ownedBy', 'group:default/platform-team']],
  }),
];

/** Refs of the catalog above, to build valid bodies and queries from. */
export const REFS = {
  components: [
    'component:default/checkout-service',
    'component:default/cart-service',
    'component:default/payments-service',
  ],
  groups: ['group:default/checkout-team', 'group:default/platform-team'],
  systems: ['system:default/checkout'],
};

/**
 * The databases the hostile-input tests run on: SQLite always; PostgreSQL 15
 * too when `HOSTILE_INPUT_POSTGRES` is set (it doubles the suite's time), and
 * then only where `TestDatabases` finds one.
 */
export function hostileInputDatabases(): TestDatabaseId[] {
  return process.env.HOSTILE_INPUT_POSTGRES
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
}

/** The plugin running on one test database, with the ids of its seeded rows. */
export interface HostileBackend {
  server: Parameters<typeof request>[0];
  knex: Knex;
  ids: {
    releases: string[];
    freezes: string[];
    trains: string[];
    feeds: string[];
  };
  /** The secret token of the feed in `ids.feeds`. */
  feedToken: string;
  stop(): Promise<void>;
}

/**
 * Starts the plugin with its real wiring (demo data seeded) on a test
 * database; the caller (user:default/mock) is a member of the checkout team.
 */
export async function startHostileBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<HostileBackend> {
  const knex = await databases.init(databaseId);
  const testBackend = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () =>
          mockServices.userInfo({
            ownershipEntityRefs: [USER, 'group:default/checkout-team'],
          }),
      }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.example.com' },
          releaseCoordination: { demoData: { seed: true } },
        },
      }),
      catalogServiceMock.factory({ entities: CATALOG }),
    ],
  });
  const server = testBackend.server;
  const feed = await request(server)
    .post(`${API}/calendar-feeds`)
    .send({ filters: { system: 'checkout' } });
  if (feed.status !== 201) {
    throw new Error(`could not create a calendar feed: ${feed.status}`);
  }
  const column = async (table: string) =>
    (await knex(table).select('id').orderBy('id')).map(row => String(row.id));
  return {
    server,
    knex,
    ids: {
      releases: await column('releases'),
      freezes: await column('freezes'),
      trains: await column('trains'),
      feeds: [feed.body.id],
    },
    feedToken: feed.body.token,
    stop: () => testBackend.stop(),
  };
}

/** Row counts and a content hash of every table of the plugin's database. */
export async function snapshotDatabase(
  knex: Knex,
): Promise<Record<string, string>> {
  const tables =
    knex.client.config.client === 'pg'
      ? (
          await knex('information_schema.tables')
            .select('table_name as name')
            .whereRaw('table_schema = current_schema()')
        ).map(row => row.name as string)
      : (
          await knex('sqlite_master')
            .select('name')
            .where({ type: 'table' })
            .whereNot('name', 'like', 'sqlite_%')
        ).map(row => row.name as string);
  const snapshot: Record<string, string> = {};
  for (const table of tables.sort()) {
    const rows = (await knex(table).select()).map(row => JSON.stringify(row));
    rows.sort();
    const hash = createHash('sha256');
    rows.forEach(row => hash.update(row).update('\n'));
    snapshot[table] = `${rows.length} rows, ${hash.digest('hex').slice(0, 16)}`;
  }
  return snapshot;
}

// ---------------------------------------------------------------------------
// Arbitraries

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

const isoAt = (ms: number) => new Date(ms).toISOString();

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

// ---------------------------------------------------------------------------
// Runner and results

/** One request of a case. */
export interface HostileRequest {
  path: string;
  query?: string;
  body?: RawBody;
}

/** What was measured of one endpoint. */
interface EndpointResult {
  endpoint: string;
  cases: number;
  statuses: Record<number, number>;
  durationsMs: number[];
  /** The slowest request and its duration. */
  slowest?: { ms: number; request: string };
}

/** Runs endpoint properties on one backend and keeps their figures. */
export class HostileInputRun {
  readonly results: EndpointResult[] = [];
  failures = 0;
  #baseline?: Record<string, string>;

  constructor(private readonly backend: HostileBackend) {}

  /** Sends one request and checks the two properties. */
  async #send(method: string, sent: HostileRequest, result: EndpointResult) {
    const { server, knex } = this.backend;
    this.#baseline ??= await snapshotDatabase(knex);
    const url = `${API}${sent.path}${sent.query ? `?${sent.query}` : ''}`;
    let req = request(server)[method as 'get'](url);
    if (sent.body?.contentType)
      req = req.set('Content-Type', sent.body.contentType);
    const started = performance.now();
    const res = await (sent.body?.text !== undefined
      ? req.send(sent.body.text)
      : req);
    const ms = performance.now() - started;
    result.durationsMs.push(ms);
    result.cases += 1;
    result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
    const describe = () =>
      `${method.toUpperCase()} ${url.slice(0, 500)} body ${String(
        sent.body?.text,
      ).slice(0, 500)} -> ${res.status} ${JSON.stringify(res.body).slice(
        0,
        800,
      )}`;
    if (ms > (result.slowest?.ms ?? 0)) {
      result.slowest = { ms, request: describe() };
    }
    if (res.status >= 500) {
      this.#baseline = undefined;
      throw new Error(`5xx: ${describe()}`);
    }
    const after = await snapshotDatabase(knex);
    if (res.status >= 400) {
      const changed = Object.keys({ ...after, ...this.#baseline }).filter(
        table => after[table] !== this.#baseline![table],
      );
      if (changed.length > 0) {
        this.#baseline = after;
        throw new Error(
          `refused request wrote to ${changed.join(', ')}: ${describe()}`,
        );
      }
    }
    this.#baseline = after;
  }

  /**
   * Checks, on `runs` generated requests of `method` to an endpoint, that none
   * gets a 5xx and that every refused one (4xx) leaves the database as it was;
   * resolves to the number of cases tried.
   */
  async check(
    endpoint: string,
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    requests: fc.Arbitrary<HostileRequest>,
    runs = RUNS_PER_ENDPOINT,
  ) {
    const result: EndpointResult = {
      endpoint,
      cases: 0,
      statuses: {},
      durationsMs: [],
    };
    this.results.push(result);
    try {
      await fc.assert(
        fc.asyncProperty(requests, sent => this.#send(method, sent, result)),
        { numRuns: runs, endOnFailure: true },
      );
    } catch (error) {
      this.failures += 1;
      throw error;
    }
    return result.cases;
  }

  /** The figures of this run as a Markdown section. */
  report(title: string): string {
    const cases = this.results.reduce((sum, r) => sum + r.cases, 0);
    const rows = this.results.map(r => {
      const sorted = [...r.durationsMs].sort((a, b) => a - b);
      const p99 =
        sorted[
          Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)
        ];
      const count = (test: (status: number) => boolean) =>
        Object.entries(r.statuses)
          .filter(([status]) => test(Number(status)))
          .reduce((sum, [, n]) => sum + n, 0);
      const refused = Object.entries(r.statuses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ');
      return `| \`${r.endpoint}\` | ${r.cases} | ${count(
        s => s < 300,
      )} | ${refused} | ${p99?.toFixed(1) ?? '-'} | ${
        sorted[sorted.length - 1]?.toFixed(1) ?? '-'
      } |`;
    });
    return [
      `### ${title}`,
      '',
      `${cases} cases, ${this.failures} failures.`,
      '',
      '| endpoint | cases | 2xx | refused (status×count) | p99 ms | max ms |',
      '| --- | ---: | ---: | --- | ---: | ---: |',
      ...rows,
      '',
      'Slowest request of each endpoint (truncated):',
      '',
      ...this.results.map(
        r =>
          `- \`${r.endpoint}\` ${r.slowest?.ms.toFixed(
            1,
          )} ms: \`${r.slowest?.request
            .replace(/`/g, "'")
            .replace(/[^\x20-\x7e]/gu, '?')
            .slice(0, 300)}\``,
      ),
      '',
    ].join('\n');
  }
}

/** The results file the runs write their sections into when `HOSTILE_INPUT_RESULTS` is set. */
const RESULTS_FILE = path.resolve(
  __dirname,
  '../../../bench/HOSTILE_INPUT_RESULTS.md',
);

/**
 * Prints a run's figures and, when `HOSTILE_INPUT_RESULTS` is set, writes them
 * as the section `key` of bench/HOSTILE_INPUT_RESULTS.md.
 */
export function recordResults(
  key: string,
  title: string,
  run: HostileInputRun,
) {
  const section = run.report(title);
  // eslint-disable-next-line no-console
  console.log(section);
  if (!process.env.HOSTILE_INPUT_RESULTS) return;
  const begin = `<!-- ${key} -->`;
  const end = `<!-- /${key} -->`;
  const current = fs.existsSync(RESULTS_FILE)
    ? fs.readFileSync(RESULTS_FILE, 'utf8')
    : '';
  const block = `${begin}\n${section}${end}`;
  const start = current.indexOf(begin);
  const next =
    start >= 0
      ? current.slice(0, start) +
        block +
        current.slice(current.indexOf(end) + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(RESULTS_FILE, next);
}

// ---------------------------------------------------------------------------
// Valid values, to break one field of

const HOUR = 60 * MINUTE;

/** A valid title-like text. */
export const validText = fc.oneof(
  fc.constantFrom(
    'Checkout 5.0',
    'Cart fix',
    'Quarter-end freeze',
    'Ünïcödé ✓',
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter(s => s.trim().length > 0),
);

/** A valid release window near now, 1 hour to 3 days long. */
export const validWindow = fc
  .tuple(nearTimestamp(), fc.integer({ min: 1, max: 72 }))
  .map(([start, hours]) => ({
    start,
    end: isoAt(Date.parse(start) + hours * HOUR),
  }));

/** A valid change inventory item. */
export const validChange = fc.record(
  {
    kind: fc.constantFrom('feature', 'fix', 'breaking', 'config'),
    title: validText,
    link: fc.constantFrom(
      'https://git.example.com/pr/1',
      'http://ci.example.com/b/2',
    ),
    entityRef: fc.constantFrom(...REFS.components),
  },
  { requiredKeys: ['kind', 'title'] },
);

/** A valid, non-empty list of the catalog's components. */
export const validComponents = fc.subarray(REFS.components, { minLength: 1 });

/** A valid freeze recurrence. */
export const validRecurrence = fc.record(
  {
    rrule: fc.constantFrom(
      'FREQ=WEEKLY;BYDAY=SA',
      'FREQ=DAILY',
      'FREQ=MONTHLY;BYMONTHDAY=1',
    ),
    timezone: fc.constantFrom('Europe/Berlin', 'UTC', 'America/New_York'),
    exdates: fc.array(nearTimestamp(), { maxLength: 2 }),
    until: nearTimestamp(130, 400),
  },
  { requiredKeys: ['rrule', 'timezone'] },
);

/** A valid freeze or train scope. */
export const validScope = fc.oneof(
  fc.constant({ systems: REFS.systems }),
  validComponents.map(entities => ({ entities })),
);
