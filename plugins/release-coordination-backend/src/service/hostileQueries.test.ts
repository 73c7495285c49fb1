import fc from 'fast-check';
import { REFS } from './__testUtils__/hostileCatalog';
import {
  QueryParams,
  hostileQuery,
  pathSegment,
} from './__testUtils__/hostileRequests';
import { describeHostileSuite } from './__testUtils__/hostileSuite';
import { nearTimestamp } from './__testUtils__/hostileValues';

const component = fc.constantFrom(...REFS.components);
const components = fc.subarray(REFS.components, { minLength: 1 });
const system = fc.constantFrom('system:default/checkout', 'checkout');
const from = nearTimestamp(-30, 0);
const to = nearTimestamp(1, 60);
const limit = fc.integer({ min: 1, max: 200 }).map(String);

/** Valid query parameters of the routes whose valid values do not depend on the seeded rows. */
const PARAMS: Record<string, QueryParams> = {
  '/releases': {
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
    limit,
  },
  '/freezes': { limit },
  '/freeze-occurrences': {
    from,
    to,
    entityRef: fc.oneof(component, components),
  },
  '/impact/upcoming': { system, entityRef: component, from, to },
  '/releases/{id}/impact': {
    maxDepth: fc.integer({ min: 1, max: 6 }).map(String),
  },
  '/conflicts': { from, to, entityRef: fc.oneof(component, components) },
  '/slots': {
    entityRef: fc.oneof(component, components),
    duration: fc.constantFrom('PT2H', 'PT30M', 'P1D'),
    after: from,
    count: fc.integer({ min: 1, max: 10 }).map(String),
    type: fc.constantFrom('normal', 'emergency'),
  },
  '/gate': { entityRef: component, at: nearTimestamp(-5, 30) },
  '/trains/{id}/slots': {
    from,
    to,
    count: fc.integer({ min: 1, max: 20 }).map(String),
  },
  '/trains/{id}/stats': { from, to },
  '/calendar.ics': {
    entityRef: component,
    system,
    owner: fc.constantFrom(...REFS.groups),
  },
};

describeHostileSuite(
  {
    title: 'hostile query strings of the GET routes',
    resultsKey: 'queries',
    resultsTitle: 'GET query strings',
  },
  ({ backend, endpoint }) => {
    /** Declares a GET route: `path` gives its path, `params` its query parameters. */
    const getRoute = (
      route: string,
      path: () => fc.Arbitrary<string>,
      params: () => QueryParams = () => PARAMS[route],
      brokenOnly: string[] = [],
    ) =>
      endpoint(`GET ${route}`, () => ({
        path: path(),
        query: hostileQuery(params(), brokenOnly),
      }));
    /** Declares a GET route at a fixed path. */
    const getFixed = (route: string, brokenOnly: string[] = []) =>
      getRoute(route, () => fc.constant(route), undefined, brokenOnly);

    const release = () => pathSegment(backend().ids.releases);
    const train = () => pathSegment(backend().ids.trains);

    getFixed('/releases', ['cursor']);
    getRoute(
      '/readiness',
      () => fc.constant('/readiness'),
      () => ({
        releaseId: fc.subarray(backend().ids.releases, {
          minLength: 1,
          maxLength: 5,
        }),
      }),
    );
    getFixed('/freezes', ['cursor']);
    getFixed('/freeze-occurrences');
    getFixed('/impact/upcoming');
    getRoute('/releases/{id}/impact', () =>
      release().map(id => `/releases/${id}/impact`),
    );
    getFixed('/conflicts');
    getFixed('/slots');
    getFixed('/gate');
    getRoute('/trains/{id}/slots', () =>
      train().map(id => `/trains/${id}/slots`),
    );
    getRoute('/trains/{id}/stats', () =>
      train().map(id => `/trains/${id}/stats`),
    );
    getFixed('/calendar.ics');
    getRoute(
      '/calendar-feeds/{id}/calendar.ics',
      () =>
        pathSegment(backend().ids.feeds).map(
          id => `/calendar-feeds/${id}/calendar.ics`,
        ),
      () => ({ token: fc.constantFrom(backend().feedToken, 'wrong') }),
    );
    getRoute(
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
          pathSegment(backend().ids.freezes).map(id => `/freezes/${id}`),
          train().map(id => `/trains/${id}`),
        ),
      () => ({ limit: fc.constant('1') }),
    );
  },
);
