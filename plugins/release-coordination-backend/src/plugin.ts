import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseCoordinationPermissions } from '@internal/plugin-release-coordination-common';
import { DatabaseReleaseStore } from './database/DatabaseReleaseStore';
import { seedDemoReleases } from './demo/seedDemoReleases';
import { ReleaseService } from './releases/ReleaseService';
import { createRouter } from './service/router';

/**
 * The release-coordination backend plugin: release plans tied to the software catalog.
 *
 * @public
 */
export const releaseCoordinationPlugin = createBackendPlugin({
  pluginId: 'release-coordination',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init({
        logger,
        config,
        database,
        httpRouter,
        httpAuth,
        userInfo,
        auditor,
        permissions,
        permissionsRegistry,
        catalog,
      }) {
        permissionsRegistry.addPermissions(releaseCoordinationPermissions);

        const store = await DatabaseReleaseStore.create({ database });
        if (config.getOptionalBoolean('releaseCoordination.demoData.seed')) {
          await seedDemoReleases({ store, logger });
        }

        const releases = new ReleaseService({
          store,
          catalog,
          permissions,
          userInfo,
        });
        httpRouter.use(await createRouter({ releases, httpAuth, auditor }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
