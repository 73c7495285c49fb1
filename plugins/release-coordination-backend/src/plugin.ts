import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { releaseCoordinationPermissions } from '@internal/plugin-release-coordination-common';
import { registerActions } from './actions/registerActions';
import { createServices } from './createServices';
import { createStores } from './database/createStores';
import { seedDemoData } from './demo/seedDemoData';
import { registerReleaseResource } from './permissions/releaseResource';
import { CALENDAR_FEED_PATH } from './service/calendarRouter';
import { NOTES_FEED_PATH } from './service/notesFeedRouter';
import { createRouter } from './service/router';
import { scheduleTasks } from './tasks/scheduleTasks';
import {
  releaseCoordinationVerificationCheckersExtensionPoint,
  VerificationChecker,
} from './verification/checkers';

/**
 * The release-coordination backend plugin: release plans tied to the software catalog.
 *
 * @public
 */
export const releaseCoordinationPlugin = createBackendPlugin({
  pluginId: 'release-coordination',
  register(env) {
    const verificationCheckers: VerificationChecker[] = [];
    env.registerExtensionPoint(
      releaseCoordinationVerificationCheckersExtensionPoint,
      { addChecker: (...checkers) => verificationCheckers.push(...checkers) },
    );
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
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
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
        auth,
        discovery,
        scheduler,
        notifications,
        signals,
        actionsRegistry,
      }) {
        permissionsRegistry.addPermissions(releaseCoordinationPermissions);
        const stores = await createStores(database);
        if (config.getOptionalBoolean('releaseCoordination.demoData.seed')) {
          await seedDemoData({ stores, config, logger });
        }
        const services = createServices({
          stores,
          config,
          catalog,
          auth,
          permissions,
          userInfo,
          auditor,
          logger,
          discovery,
          notifications,
          signals,
          verificationCheckers,
        });
        // the operations an AI assistant may call through Backstage's MCP server
        registerActions(actionsRegistry, {
          services,
          auth,
          auditor,
          appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
        });
        registerReleaseResource({
          permissionsRegistry,
          store: stores.releaseStore,
        });
        await scheduleTasks({
          scheduler,
          services,
          stores,
          config,
          auth,
          logger,
        });
        httpRouter.use(
          await createRouter({
            ...services,
            userInfo,
            httpAuth,
            auditor,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // calendar apps cannot send a Backstage token: only the feeds
        // themselves are open, and they check their own secret token; the
        // other /calendar-feeds routes still demand a user
        httpRouter.addAuthPolicy({
          path: CALENDAR_FEED_PATH,
          allow: 'unauthenticated',
        });
        // the Atom feeds of released notes, likewise
        httpRouter.addAuthPolicy({
          path: NOTES_FEED_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});
