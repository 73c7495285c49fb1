import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { Release } from '@internal/plugin-release-coordination-common';
import type { z as Zod3 } from 'zod/v3';
import type { Services } from '../createServices';

/** What the registered actions are built from. */
export interface ActionDependencies {
  services: Services;
  auth: AuthService;
  auditor: AuditorService;
  /** `app.baseUrl`, for links to release pages. */
  appBaseUrl: string;
}

/**
 * The caller as a user: the release services decide by the user's groups,
 * so a service principal may not act through these actions.
 */
export function asUser(
  auth: AuthService,
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal> {
  if (!auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError('This action acts for a signed-in user only');
  }
  return credentials;
}

/**
 * Runs a change by an action as an audit event, as the HTTP routes do; the
 * event names the acting user, since there is no request to take it from.
 */
export async function auditedChange<T>(options: {
  auditor: AuditorService;
  eventId: string;
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  meta: JsonObject;
  change: () => Promise<T>;
  describe: (result: T) => JsonObject;
}): Promise<T> {
  const { auditor, eventId, credentials, meta, change, describe } = options;
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    meta: {
      ...meta,
      via: 'actions-registry',
      actorRef: credentials.principal.userEntityRef,
    },
  });
  try {
    const result = await change();
    await event.success({ meta: describe(result) });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

/** A release as the actions answer it: what an assistant needs to talk about it, with its page. */
export function releaseSummary(release: Release, appBaseUrl: string) {
  const { id, title, version, type, state, window, entityRefs, ownerRef } =
    release;
  const url = `${appBaseUrl}/release-coordination/releases/${encodeURIComponent(
    id,
  )}`;
  return { id, title, version, type, state, window, entityRefs, ownerRef, url };
}

/** The zod (v3, as the actions registry hands it) schema of {@link releaseSummary}. */
export const releaseSummarySchema = (z: typeof Zod3) =>
  z.object({
    id: z.string(),
    title: z.string(),
    version: z.string(),
    type: z.string(),
    state: z.string(),
    window: z.object({ start: z.string(), end: z.string() }),
    entityRefs: z.array(z.string()),
    ownerRef: z.string(),
    url: z.string().describe('The release page in the portal'),
  });
