import { mockApis } from '@backstage/frontend-test-utils';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
// The contract server runs in Jest on Node and reads the backend's document.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
// eslint-disable-next-line no-restricted-imports
import { resolve as resolvePath } from 'path';
import { parse } from 'yaml';
import { ReleaseCoordinationApi } from '../api/ReleaseCoordinationApi';
import { ReleaseCoordinationClient } from '../api/ReleaseCoordinationClient';

/** Where the backend serves the plugin in tests (`mockApis.discovery`). */
const ORIGIN = 'http://localhost:7007';
const BASE_URL = `${ORIGIN}/api/release-coordination`;
const DOCUMENT_FILE = resolvePath(
  __dirname,
  '../../../release-coordination-backend/src/schema/openapi.yaml',
);

/** An HTTP method of the OpenAPI document, as msw names it. */
export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** A request the contract server answered, as the backend would read it. */
export interface RecordedRequest {
  method: Method;
  /** The path below the plugin's base URL, e.g. `/releases/r1`. */
  path: string;
  /** Path parameters by their name in the document, decoded. */
  params: Record<string, string>;
  /** Query parameters, typed by the document (arrays, numbers, booleans). */
  query: Record<string, unknown>;
  /** The JSON body, or undefined. */
  body: any;
}

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

interface Route {
  method: Method;
  template: string;
  /** JSON pointer of the operation in the document. */
  pointer: string;
  operation: any;
  parameters: any[];
}

/**
 * Where the document and what the backend and client really exchange still
 * differ, each reported to the document's owners: remove an entry once the
 * document is fixed, and the tests check that part too.
 */
const KNOWN_GAPS = {
  /** Change links stored before links were checked need not be URIs. */
  responseErrors: [{ path: /\/changes\/\d+\/link$/, keyword: 'format' }],
  /** The client posts `{}` to accept a hand-over; the document declares no body. */
  undeclaredBodies: ['/releases/{id}/handover/accept'],
  /** Statuses the backend answers that the document does not declare. */
  undeclaredStatuses: [
    // ApprovalService.withdraw: a started release keeps its decisions.
    {
      method: 'delete',
      template: '/releases/{id}/approvals/{groupRef}',
      status: 409,
    },
  ],
};

const ERROR_NAMES: Record<number, string> = {
  400: 'InputError',
  401: 'AuthenticationError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  503: 'ServiceUnavailableError',
};

class ContractDocument {
  private readonly document: any;
  private readonly ajv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    this.document = withNullableTypes(
      parse(readFileSync(DOCUMENT_FILE, 'utf8')),
    );
    this.document.components.responses.ServerError ??= {
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/Error' },
        },
      },
    };
    const options = { strict: false, validateSchema: false, allErrors: true };
    this.ajv = addFormats(new Ajv(options));
    this.coercingAjv = addFormats(
      new Ajv({ ...options, coerceTypes: 'array' }),
    );
    this.ajv.addSchema(this.document, 'openapi');
    this.coercingAjv.addSchema(this.document, 'openapi');
  }

  /** The route of the document that `path` names, preferring literal segments. */
  route(method: Method, path: string): Route | undefined {
    const segments = path.split('/');
    let best: { template: string; literals: number } | undefined;
    for (const template of Object.keys(this.document.paths)) {
      const parts = template.split('/');
      if (parts.length !== segments.length) continue;
      let literals = 0;
      const fits = parts.every((part, i) => {
        if (part.startsWith('{')) return segments[i] !== '';
        literals += 1;
        return part === segments[i];
      });
      const operation = this.document.paths[template][method];
      if (fits && operation && (!best || literals > best.literals)) {
        best = { template, literals };
      }
    }
    if (!best) return undefined;
    const pathItem = this.document.paths[best.template];
    return {
      method,
      template: best.template,
      pointer: `/paths/${escapePointer(best.template)}/${method}`,
      operation: pathItem[method],
      parameters: [
        ...(pathItem.parameters ?? []),
        ...(pathItem[method].parameters ?? []),
      ].map(p => this.resolve(p)),
    };
  }

  /** The statuses the operation declares, in order. */
  statuses(route: Route): number[] {
    return Object.keys(route.operation.responses).map(Number);
  }

  /** Why `body` is not a valid `status` response of the route, if it isn't. */
  responseProblem(route: Route, status: number, body: unknown) {
    // Any route may fail unexpectedly (5xx) or answer a known undeclared
    // status, with the body of every backend error.
    const declared =
      route.operation.responses[String(status)] ??
      (status >= 500 || isKnownUndeclared(route, status)
        ? { $ref: '#/components/responses/ServerError' }
        : null);
    if (!declared) return `the document declares no ${status} response`;
    const content = this.resolve(declared).content;
    const mediaType = content && Object.keys(content)[0];
    if (!mediaType) {
      return body === undefined
        ? undefined
        : `a ${status} response has no body`;
    }
    const validate = this.validator(
      this.ajv,
      `${this.pointerOf(declared, `${route.pointer}/responses/${status}`)}` +
        `/content/${escapePointer(mediaType)}/schema`,
    );
    validate(body);
    const errors = (validate.errors ?? []).filter(
      error =>
        !KNOWN_GAPS.responseErrors.some(
          gap =>
            gap.keyword === error.keyword && gap.path.test(error.instancePath),
        ),
    );
    return errors.length ? this.ajv.errorsText(errors) : undefined;
  }

  /** The media type of a `status` response of the route. */
  mediaType(route: Route, status: number): string | undefined {
    const content = this.resolve(
      route.operation.responses[String(status)],
    )?.content;
    return content && Object.keys(content)[0];
  }

  /** Why the request does not match the route's parameters and body, if it doesn't. */
  requestProblems(route: Route, url: URL, request: RecordedRequest) {
    const problems: string[] = [];
    const query = route.parameters.filter(p => p.in === 'query');
    for (const name of new Set(url.searchParams.keys())) {
      if (!query.some(p => p.name === name)) {
        problems.push(`undeclared query parameter ${name}`);
      }
    }
    for (const parameter of query) {
      const values = url.searchParams.getAll(parameter.name);
      if (values.length === 0) {
        if (parameter.required) {
          problems.push(`missing query parameter ${parameter.name}`);
        }
        continue;
      }
      const index = route.parameters.indexOf(parameter);
      const validate = this.validator(
        this.coercingAjv,
        this.parameterPointer(route, index),
      );
      const data = { value: values.length > 1 ? values : values[0] };
      if (validate(data)) request.query[parameter.name] = data.value;
      else {
        problems.push(
          `query parameter ${parameter.name}: ${this.coercingAjv.errorsText(
            validate.errors,
          )}`,
        );
      }
    }
    const requestBody = route.operation.requestBody;
    if (request.body !== undefined) {
      if (!requestBody) {
        if (!KNOWN_GAPS.undeclaredBodies.includes(route.template)) {
          problems.push('a body the document does not declare');
        }
      } else {
        const validate = this.validator(
          this.ajv,
          `${this.pointerOf(requestBody, `${route.pointer}/requestBody`)}` +
            `/content/application~1json/schema`,
        );
        if (!validate(request.body)) {
          problems.push(`body: ${this.ajv.errorsText(validate.errors)}`);
        }
      }
    } else if (requestBody?.required) {
      problems.push('no body, though the document requires one');
    }
    return problems;
  }

  /** The pointer of a parameter's schema, wrapped so that coercion can replace it. */
  private parameterPointer(route: Route, index: number) {
    const pathLevel =
      this.document.paths[route.template].parameters?.length ?? 0;
    const declared =
      index < pathLevel
        ? `/paths/${escapePointer(route.template)}/parameters/${index}`
        : `${route.pointer}/parameters/${index - pathLevel}`;
    const original = this.resolveAt(declared);
    return `${this.pointerOf(original, declared)}/schema`;
  }

  private validator(ajv: Ajv, pointer: string): ValidateFunction {
    const key = `${ajv === this.ajv ? 'plain' : 'coercing'}:${pointer}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const ref = `openapi#${pointer
        .split('/')
        .map(encodeURIComponent)
        .join('/')}`;
      validate =
        ajv === this.ajv
          ? ajv.compile({ $ref: ref })
          : ajv.compile({
              type: 'object',
              properties: { value: { $ref: ref } },
            });
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** The pointer of what `node` (found at `pointer`) refers to. */
  private pointerOf(node: any, pointer: string): string {
    return node?.$ref
      ? this.pointerOf(this.refTarget(node), node.$ref.slice(1))
      : pointer;
  }

  private resolveAt(pointer: string): any {
    return pointer
      .split('/')
      .slice(1)
      .reduce(
        (node, segment) =>
          node[segment.replace(/~1/g, '/').replace(/~0/g, '~')],
        this.document,
      );
  }

  private refTarget(node: any) {
    return this.resolveAt(node.$ref.slice(1));
  }

  private resolve(node: any): any {
    return node?.$ref ? this.resolve(this.refTarget(node)) : node;
  }
}

/**
 * The document with OpenAPI 3.0's `nullable` on schemas without a `type`
 * (e.g. a `$ref`) spelled as JSON Schema, which Ajv understands.
 */
function withNullableTypes(node: any): any {
  if (Array.isArray(node)) return node.map(withNullableTypes);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, withNullableTypes(value)]),
  );
  if (nullable === true && !converted.type) {
    return { anyOf: [converted, { type: 'null' }] };
  }
  return nullable === undefined ? converted : { ...converted, nullable };
}

function isKnownUndeclared(route: Route, status: number) {
  return KNOWN_GAPS.undeclaredStatuses.some(
    gap =>
      gap.method === route.method &&
      gap.template === route.template &&
      gap.status === status,
  );
}

function escapePointer(segment: string) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

let loadedDocument: ContractDocument | undefined;

/** The backend's OpenAPI document, loaded once a test file. */
function contractDocument() {
  loadedDocument ??= new ContractDocument();
  return loadedDocument;
}

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

  function requests(method: Method, path: string) {
    return recorded.filter(
      r => r.method === method && pathMatches(path, r.path),
    );
  }

  /** Records a request to a route. */
  async function receive(request: Request, route: Route) {
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

  function routeOf(method: Method, path: string) {
    const route = document.route(method, path);
    if (!route) {
      throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
    }
    return route;
  }

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
