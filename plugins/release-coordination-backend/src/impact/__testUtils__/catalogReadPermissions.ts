/*
 * Test-only: a permissions service with a chosen `catalog.entity.read`
 * decision, for the impact read-check tests. Lives under `__testUtils__`
 * (test code for the lint rules; not reachable from `src/index.ts`).
 */
import { PermissionsService } from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';

/**
 * Permissions that answer `result` for `catalog.entity.read` (a conditional
 * decision carries a kind rule, as a real policy's would) and allow
 * everything else; `authorizeConditional` is a jest mock to inspect calls.
 */
export function catalogReadPermissions(
  result: AuthorizeResult,
): jest.Mocked<PermissionsService> {
  const decision: PolicyDecision =
    result === AuthorizeResult.CONDITIONAL
      ? {
          result,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_KIND',
            resourceType: 'catalog-entity',
            params: { kinds: ['Component'] },
          },
        }
      : { result };
  const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
  const authorize: PermissionsService['authorize'] = async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW }));
  const authorizeConditional: PermissionsService['authorizeConditional'] =
    async requests =>
      requests.map(request =>
        request.permission.name === catalogEntityReadPermission.name
          ? decision
          : allow,
      );
  return {
    authorize: jest.fn(authorize),
    authorizeConditional: jest.fn(authorizeConditional),
  };
}
