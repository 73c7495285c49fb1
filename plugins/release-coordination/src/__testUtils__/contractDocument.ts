import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
// The contract server runs in Jest on Node and reads the backend's document.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { resolve as resolvePath } from 'path';
import { parse } from 'yaml';

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

/** A route of the document: a path template and a method. */
export interface Route {
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
  /** Request bodies the client sends that the document does not declare. */
  undeclaredBodies: [] as string[],
  /** Statuses the backend answers that the document does not declare. */
  undeclaredStatuses: [] as {
    method: string;
    template: string;
    status: number;
  }[],
};

/** The backend's OpenAPI document, checking requests and answers against it. */
export class ContractDocument {
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
export function contractDocument() {
  loadedDocument ??= new ContractDocument();
  return loadedDocument;
}
