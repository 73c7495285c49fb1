import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';

/** Throws `NotAllowedError` naming the permission unless `request` is allowed. */
export async function requirePermission(
  permissions: PermissionsService,
  request: AuthorizePermissionRequest,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed by permission ${request.permission.name}`,
    );
  }
}
