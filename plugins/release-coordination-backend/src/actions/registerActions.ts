import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ActionDependencies } from './actionKit';
import { registerReadActions } from './readActions';
import { registerWriteActions } from './writeActions';

/**
 * Registers the plugin's operations with Backstage's actions registry, where
 * the MCP server (and any other actions client) finds them as
 * `release-coordination:<name>`.
 */
export function registerActions(
  actionsRegistry: ActionsRegistryService,
  deps: ActionDependencies,
) {
  registerReadActions(actionsRegistry, deps);
  registerWriteActions(actionsRegistry, deps);
}
