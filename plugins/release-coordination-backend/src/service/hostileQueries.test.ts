/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "checkQuery"] }] */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  HostileBackend,
  HostileInputRun,
  RUNS_PER_ENDPOINT,
  QueryParams,
  REFS,
  hostileInputDatabases,
  hostileQuery,
  nearTimestamp,
  pathSegment,
  recordResults,
  startHostileBackend,
} from './__testUtils__/hostileInput';

jest.setTimeout(20 * 60_000);

const databases = TestDatabases.create({ ids: hostileInputDatabases() });

const component = fc.constantFrom(...REFS.components);
const components = fc.subarray(REFS.components, { minLength: 1 });
const system = fc.constantFrom('system:default/checkout', 'checkout');
const from = nearTimestamp(-30, 0);
const to = nearTimestamp(1, 60);

describe.each(databases.eachSupportedId())(
  'hostile query strings of the GET routes on %p',
  databaseId => {
    let backend: HostileBackend;
    let run: HostileInputRun;

    beforeAll(async () => {
      backend = await startHostileBackend(databases, databaseId);
      run = new HostileInputRun(backend);
    });

    afterAll(async () => {
      recordResults(
        `queries-${databaseId}`,
        `GET query strings on ${databaseId}`,
        run,
      );
      await backend?.stop();
    });

    /** Checks a GET route: `path` gives its path, `params` its query parameters. */
    const checkQuery = (
      endpoint: string,
      path: () => fc.Arbitrary<string>,
      params: () => QueryParams,
      brokenOnly: string[] = [],
    ) =>
      expect(
        run.check(
          `GET ${endpoint}`,
          'get',
          fc.record({
            path: path(),
            query: hostileQuery(params(), brokenOnly),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);

    const release = () => pathSegment(backend.ids.releases);
    const train = () => pathSegment(backend.ids.trains);

    it('GET /releases', () =>
      checkQuery(
        '/releases',
        () => fc.constant('/releases'),
        () => ({
          entityRef: fc.oneof(component, components),
          system,
          domain: fc.constant('domain:default/commerce'),
          owner: fc.constantFrom(...REFS.groups),
          from,
          to,
          state: fc.subarray([
            'draft',
            'planned',
            'approved',
            'in_progress',
            'released',
          ]),
          type: fc.constantFrom('normal', 'emergency'),
          order: fc.constantFrom('asc', 'desc'),
          limit: fc.integer({ min: 1, max: 200 }).map(String),
        }),
        ['cursor'],
      ));

    it('GET /readiness', () =>
      checkQuery(
        '/readiness',
        () => fc.constant('/readiness'),
        () => ({
          releaseId: fc.subarray(backend.ids.releases, {
            minLength: 1,
            maxLength: 5,
          }),
        }),
      ));

    it('GET /freezes', () =>
      checkQuery(
        '/freezes',
        () => fc.constant('/freezes'),
        () => ({
          limit: fc.integer({ min: 1, max: 200 }).map(String),
        }),
        ['cursor'],
      ));

    it('GET /freeze-occurrences', () =>
      checkQuery(
        '/freeze-occurrences',
        () => fc.constant('/freeze-occurrences'),
        () => ({
          from,
          to,
          entityRef: fc.oneof(component, components),
        }),
      ));

    it('GET /impact/upcoming', () =>
      checkQuery(
        '/impact/upcoming',
        () => fc.constant('/impact/upcoming'),
        () => ({
          system,
          entityRef: component,
          from,
          to,
        }),
      ));

    it('GET /releases/{id}/impact', () =>
      checkQuery(
        '/releases/{id}/impact',
        () => release().map(id => `/releases/${id}/impact`),
        () => ({
          maxDepth: fc.integer({ min: 1, max: 6 }).map(String),
        }),
      ));

    it('GET /conflicts', () =>
      checkQuery(
        '/conflicts',
        () => fc.constant('/conflicts'),
        () => ({
          from,
          to,
          entityRef: fc.oneof(component, components),
        }),
      ));

    it('GET /slots', () =>
      checkQuery(
        '/slots',
        () => fc.constant('/slots'),
        () => ({
          entityRef: fc.oneof(component, components),
          duration: fc.constantFrom('PT2H', 'PT30M', 'P1D'),
          after: from,
          count: fc.integer({ min: 1, max: 10 }).map(String),
          type: fc.constantFrom('normal', 'emergency'),
        }),
      ));

    it('GET /gate', () =>
      checkQuery(
        '/gate',
        () => fc.constant('/gate'),
        () => ({
          entityRef: component,
          at: nearTimestamp(-5, 30),
        }),
      ));

    it('GET /trains/{id}/slots', () =>
      checkQuery(
        '/trains/{id}/slots',
        () => train().map(id => `/trains/${id}/slots`),
        () => ({
          from,
          to,
          count: fc.integer({ min: 1, max: 20 }).map(String),
        }),
      ));

    it('GET /trains/{id}/stats', () =>
      checkQuery(
        '/trains/{id}/stats',
        () => train().map(id => `/trains/${id}/stats`),
        () => ({
          from,
          to,
        }),
      ));

    it('GET /calendar.ics', () =>
      checkQuery(
        '/calendar.ics',
        () => fc.constant('/calendar.ics'),
        () => ({
          entityRef: component,
          system,
          owner: fc.constantFrom(...REFS.groups),
        }),
      ));

    it('GET /calendar-feeds/{id}/calendar.ics', () =>
      checkQuery(
        '/calendar-feeds/{id}/calendar.ics',
        () =>
          pathSegment(backend.ids.feeds).map(
            id => `/calendar-feeds/${id}/calendar.ics`,
          ),
        () => ({ token: fc.constantFrom(backend.feedToken, 'wrong') }),
      ));

    it('GET routes without parameters', () =>
      checkQuery(
        'routes without parameters',
        () =>
          fc.oneof(
            fc.constantFrom('/health', '/trains', '/calendar-feeds'),
            release().chain(id =>
              fc.constantFrom(
                `/releases/${id}`,
                `/releases/${id}/events`,
                `/releases/${id}/approvals`,
                `/releases/${id}/readiness`,
              ),
            ),
            pathSegment(backend.ids.freezes).map(id => `/freezes/${id}`),
            train().map(id => `/trains/${id}`),
          ),
        () => ({ limit: fc.constant('1') }),
      ));
  },
);
