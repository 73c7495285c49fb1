import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { describeValidationError } from '@internal/plugin-release-coordination-common';
import { Request } from 'express';
import { z } from 'zod';

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
