import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { CustomErrorBase, InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  describeValidationError,
  Release,
} from '@internal/plugin-release-coordination-common';
import { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';

/**
 * The release of a GET under `/releases/:id`, as `createRouter`'s
 * draft-visibility middleware read it (one read per request).
 */
export function readableRelease(res: Response): Release {
  return res.locals.release;
}

/** A request body in a media type the API does not read: 415. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  /** Read by the backend's error handler. */
  readonly statusCode = 415;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a POST, PUT, PATCH or DELETE body that is not `application/json`
 * (415): the JSON parser would leave it unread and the handler would act as
 * if none had been sent (a calendar feed without its filters). Requests
 * without a body (as a body-less POST or DELETE is sent) pass.
 */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  if (BODY_METHODS.has(req.method) && hasBody && !req.is('application/json')) {
    next(
      new UnsupportedMediaTypeError(
        `Request body must be application/json, not ${
          req.headers['content-type'] ?? 'of no declared type'
        }`,
      ),
    );
    return;
  }
  next();
};

/** Parses request input with a common zod schema; a failure is a 400 naming the fields. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeValidationError(result.error));
  }
  return result.data;
}

/**
 * Runs a mutation and records it as an audit event that succeeded (with the
 * meta `describe` gives of the result) or failed.
 */
export async function auditMutation<T>(options: {
  auditor: AuditorService;
  req: Request;
  eventId: string;
  meta: JsonObject;
  mutation: () => Promise<T>;
  describe: (result: T) => JsonObject;
}): Promise<T> {
  const { auditor, req, eventId, meta, mutation, describe } = options;
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request: req,
    meta,
  });
  try {
    const result = await mutation();
    await event.success({ meta: describe(result) });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

/**
 * A router's runner of audited mutations ({@link auditMutation} with its
 * `auditor`): the success meta is `describe(result)`, or the request's `meta`.
 */
export function mutationAuditor(auditor: AuditorService) {
  return <T>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    mutation: () => Promise<T>,
    describe: (result: T) => JsonObject = () => meta,
  ) => auditMutation({ auditor, req, eventId, meta, mutation, describe });
}

/** A change to a release by a user, given the release id and the request. */
export type UserReleaseChange<T> = (
  id: string,
  req: Request,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
) => Promise<T>;

/**
 * A change to the release `:id` made from the request body, which `schema`
 * checks first (400 naming the field when it does not fit).
 */
export function withBody<T extends z.ZodType, R>(
  schema: T,
  change: (
    id: string,
    body: z.output<T>,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) => Promise<R>,
): UserReleaseChange<R> {
  return (id, req, credentials) =>
    change(id, parseInput(schema, req.body), credentials);
}

/**
 * A handler for a change to the release `:id` by a user, run as an audited
 * event (`describe` gives the meta of a success) and answered with what
 * `respond` makes of the result (the result itself by default).
 */
export function auditedReleaseChange<T>(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  eventId: string;
  change: UserReleaseChange<T>;
  describe: (result: T, id: string) => JsonObject;
  respond?: (
    result: T,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) => Promise<unknown>;
}) {
  const { httpAuth, auditor, eventId, change, describe, respond } = options;
  return async (req: Request, res: Response) => {
    const { id } = req.params;
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const result = await auditMutation({
      auditor,
      req,
      eventId,
      meta: { releaseId: id },
      mutation: () => change(id, req, credentials),
      describe: r => describe(r, id),
    });
    res.json(respond ? await respond(result, credentials) : result);
  };
}

/** Where a JSON-like value holds a string with U+0000: the dotted path of the first such string. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\0')) return childPath;
      const found = nulPath(child, childPath);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses (400) a request with a NUL character (U+0000) in its path, query or
 * JSON body: no field takes one, and PostgreSQL cannot store or compare one
 * in text (it would answer a 500).
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  if (/%00/i.test(req.path)) {
    throw new InputError('path: must not contain a NUL character');
  }
  const field = nulPath(req.query, '') ?? nulPath(req.body, '');
  if (field !== undefined) {
    throw new InputError(
      `${field || 'body'}: must not contain a NUL character`,
    );
  }
  next();
};

/**
 * Refuses (400) a path with a malformed percent-escape, naming the segment as
 * Express does for a route parameter; the OpenAPI validator would otherwise
 * answer first, with a message that names nothing.
 */
export const refuseMalformedPath: RequestHandler = (req, _res, next) => {
  const malformed = req.path.split('/').find(segment => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  });
  next(
    malformed === undefined
      ? undefined
      : new InputError(`Failed to decode param '${malformed}'`),
  );
};

/**
 * The answer `{"items":[…]}` (with `"nextCursor"` when there is a next page)
 * of items already serialized as JSON, encoded straight into one buffer: no
 * joined string of megabytes to build and then encode again.
 */
export function itemsFromJson(texts: string[], nextCursor?: string): Buffer {
  const head = '{"items":[';
  const tail =
    nextCursor === undefined
      ? ']}'
      : `],"nextCursor":${JSON.stringify(nextCursor)}}`;
  let length =
    head.length + Buffer.byteLength(tail) + Math.max(texts.length - 1, 0);
  for (const text of texts) length += Buffer.byteLength(text);
  const body = Buffer.allocUnsafe(length);
  let offset = body.write(head);
  texts.forEach((text, i) => {
    if (i > 0) offset += body.write(',', offset);
    offset += body.write(text, offset);
  });
  body.write(tail, offset);
  return body;
}
