import { mockApis } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { SetupServer, setupServer } from 'msw/node';
import { ReleaseCoordinationApi } from '../api/ReleaseCoordinationApi';
import { ReleaseCoordinationClient } from '../api/ReleaseCoordinationClient';
import {
  contractDocument,
  Method,
  RecordedRequest,
  Route,
} from './contractDocument';

export type { Method, RecordedRequest } from './contractDocument';

/** Where the backend serves the plugin in tests (`mockApis.discovery`). */
const ORIGIN = 'http://localhost:7007';
const BASE_URL = `${ORIGIN}/api/release-coordination`;

/** A response body, or a function of the request that gives it. */
export type ResponseBody<T> =
  | T
  | ((request: RecordedRequest) => T | Promise<T>);

/** The test server of a test file; see {@link setupContractServer}. */
export interface ContractServer {
  /** The real client, talking to this server. */
  api: ReleaseCoordinationApi;
  /**
   * Answers `method path` with `body` (by default with the operation's first
   * success status) until the test ends or a later answer replaces it. `path`
   * is a path of the document with its parameters as `{name}` (any value) or
   * given (`/releases/r1`). Throws when the document has no such route or
   * status, or when a given body does not match the document's schema.
   */
  respond<T>(
    method: Method,
    path: string,
    body: ResponseBody<T>,
    options?: { status?: number; once?: boolean },
  ): void;
  /** Answers `method path` with the backend's error body for `status`. */
  fail(method: Method, path: string, status: number, message?: string): void;
  /**
   * Answers `method path` as a backend of an older version without the route
   * does: 404 from its router. For tests of how the frontend copes with them.
   */
  absent(method: Method, path: string): void;
  /** The requests answered for `method path` (`{name}` matches any value). */
  requests(method: Method, path: string): RecordedRequest[];
  /** The bodies of {@link ContractServer.requests}. */
  bodies(method: Method, path: string): any[];
  /** The query parameters of {@link ContractServer.requests}. */
  queries(method: Method, path: string): Array<Record<string, unknown>>;
  /**
   * The contract violations found so far, which the test then no longer fails
   * for: for tests of the contract server itself.
   */
  takeViolations(): string[];
}

const ERROR_NAMES: Record<number, string> = {
  400: 'InputError',
  401: 'AuthenticationError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  503: 'ServiceUnavailableError',
};

/** Whether a path (`{name}` or `:name` for any segment) matches a request path. */
function pathMatches(pattern: string, path: string) {
  const expected = pattern.split('/');
  const actual = path.split('/');
  return (
    expected.length === actual.length &&
    expected.every(
      (part, i) =>
        part.startsWith('{') || part.startsWith(':') || part === actual[i],
    )
  );
}

type ContractDocument = ReturnType<typeof contractDocument>;

/**
 * Registers the hooks of a test file: the server listens for the whole file,
 * an unhandled request is a violation, and after each test the answers and
 * recorded requests are dropped and the test fails for the violations found.
 */
function installHooks(
  server: SetupServer,
  document: ContractDocument,
  violations: string[],
  recorded: RecordedRequest[],
) {
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: request => {
        const url = new URL(request.url);
        const path = url.pathname.replace(/^\/api\/release-coordination/, '');
        const method = request.method.toLowerCase() as Method;
        violations.push(
          url.origin === ORIGIN && document.route(method, path)
            ? `no answer declared for ${request.method} ${path}`
            : `${request.method} ${url.href} is not a route of the document`,
        );
      },
    }),
  );
  afterEach(() => {
    server.resetHandlers();
    recorded.length = 0;
    const found = violations.splice(0);
    if (found.length) {
      throw new Error(`Contract violations:\n${found.join('\n')}`);
    }
  });
  afterAll(() => server.close());
}

/** Records a request to a route. */
async function record(
  request: Request,
  route: Route,
  recorded: RecordedRequest[],
) {
  const url = new URL(request.url);
  const text = await request.text();
  const received: RecordedRequest = {
    method: route.method,
    path: url.pathname.slice(new URL(BASE_URL).pathname.length),
    params: paramsOf(route.template, url.pathname),
    query: Object.fromEntries(url.searchParams),
    body: text ? JSON.parse(text) : undefined,
  };
  recorded.push(received);
  return received;
}

/** The route of the document for `method path`; throws when it has none. */
function documentRoute(
  document: ContractDocument,
  method: Method,
  path: string,
) {
  const route = document.route(method, path);
  if (!route) {
    throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  }
  return route;
}

/**
 * An msw server for the tests of one file that speaks the backend's contract:
 * every answer a test declares is checked against the response schema of its
 * path, method and status in the backend's OpenAPI document, and every request
 * of the client against the document's parameters and request body. A test
 * fails when a body does not match, when the client calls a route the document
 * lacks or no test declared an answer for. The server holds no rules: a test
 * that needs "after approving, readiness changes" declares both answers.
 *
 * Call it in a test file's (or `describe`'s) body: it registers the hooks.
 */
export function setupContractServer(): ContractServer {
  const document = contractDocument();
  const violations: string[] = [];
  const recorded: RecordedRequest[] = [];
  const server = setupServer();

  installHooks(server, document, violations, recorded);

  function requests(method: Method, path: string) {
    return recorded.filter(
      r => r.method === method && pathMatches(path, r.path),
    );
  }

  const receive = (request: Request, route: Route) =>
    record(request, route, recorded);
  const routeOf = (method: Method, path: string) =>
    documentRoute(document, method, path);

  function check(route: Route, status: number, body: unknown, what: string) {
    const problem = document.responseProblem(route, status, body);
    return problem && `${what} answers ${status}: ${problem}`;
  }

  function respond<T>(
    method: Method,
    path: string,
    body: ResponseBody<T>,
    options: { status?: number; once?: boolean } = {},
  ) {
    const route = routeOf(method, path);
    const what = `${method.toUpperCase()} ${path}`;
    const status =
      options.status ?? document.statuses(route).find(s => s < 300)!;
    if (typeof body !== 'function') {
      const problem = check(route, status, body, what);
      if (problem) throw new Error(problem);
    }
    server.use(
      http[method](
        mswPathOf(path),
        async ({ request }) => {
          const url = new URL(request.url);
          const received = await receive(request, route);
          const problems = document.requestProblems(route, url, received);
          violations.push(...problems.map(p => `${what} request: ${p}`));
          const answer =
            typeof body === 'function'
              ? await (body as (r: RecordedRequest) => T)(received)
              : body;
          const problem = check(route, status, answer, what);
          if (problem) {
            violations.push(problem);
            return HttpResponse.json(
              { error: { name: 'ContractViolation', message: problem } },
              { status: 500 },
            );
          }
          return answerOf(answer, status, document.mediaType(route, status));
        },
        { once: options.once },
      ),
    );
  }

  return {
    api: new ReleaseCoordinationClient({
      discoveryApi: mockApis.discovery({ baseUrl: ORIGIN }),
      fetchApi: mockApis.fetch(),
    }),
    respond,
    fail(method, path, status, message = 'The backend refused') {
      respond(
        method,
        path,
        {
          error: { name: ERROR_NAMES[status] ?? 'Error', message },
          response: { statusCode: status },
        },
        { status },
      );
    },
    absent(method, path) {
      const route = routeOf(method, path);
      server.use(
        http[method](mswPathOf(path), async ({ request }) => {
          await receive(request, route);
          return HttpResponse.json(
            { error: { name: 'NotFoundError', message: 'Not found' } },
            { status: 404 },
          );
        }),
      );
    },
    requests,
    bodies: (method, path) => requests(method, path).map(r => r.body),
    queries: (method, path) => requests(method, path).map(r => r.query),
    takeViolations: () => violations.splice(0),
  };
}

/** The msw pattern of a document path: `{name}` parameters as `:name`. */
function mswPathOf(path: string) {
  return `${BASE_URL}${path.replace(/\{(\w+)\}/g, ':$1')}`;
}

function paramsOf(template: string, pathname: string) {
  const actual = pathname.split('/').slice(-template.split('/').length);
  const params: Record<string, string> = {};
  template.split('/').forEach((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) params[name] = decodeURIComponent(actual[i]);
  });
  return params;
}

function answerOf(body: unknown, status: number, mediaType?: string) {
  if (body === undefined) return new HttpResponse(null, { status });
  if (mediaType && mediaType !== 'application/json') {
    return new HttpResponse(String(body), {
      status,
      headers: { 'Content-Type': mediaType },
    });
  }
  return HttpResponse.json(body as any, { status });
}
