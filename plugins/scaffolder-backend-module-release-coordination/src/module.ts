import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createReleaseAction } from './actions/createReleaseAction';
import { ReleaseCoordinationClient } from './actions/ReleaseCoordinationClient';
import { transitionReleaseAction } from './actions/transitionReleaseAction';

/**
 * Adds the release-coordination actions to the scaffolder:
 * `release-coordination:release:create` and
 * `release-coordination:release:transition`.
 *
 * @public
 */
export const scaffolderModuleReleaseCoordination = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'release-coordination',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        const client = new ReleaseCoordinationClient({ discovery, auth });
        scaffolder.addActions(
          createReleaseAction({ client, config }),
          transitionReleaseAction({ client, config }),
        );
      },
    });
  },
});
