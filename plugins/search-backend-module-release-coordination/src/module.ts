import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ReleaseCollatorFactory } from './collator/ReleaseCollatorFactory';

const CONFIG_KEY = 'search.collators.releaseCoordination';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/** The collator's schedule from config, or the default one. */
function scheduleFrom(config: Config): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(`${CONFIG_KEY}.schedule`);
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : DEFAULT_SCHEDULE;
}

/**
 * The search module that indexes release plans, so that the portal's search
 * finds them ("checkout release"): every release but drafts, read from the
 * release-coordination backend on a schedule, each result shown only to
 * those `release.read` allows.
 *
 * @public
 */
export const searchModuleReleaseCoordinationCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'release-coordination-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        indexRegistry,
      }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(scheduleFrom(config)),
          factory: new ReleaseCollatorFactory({
            auth,
            discovery,
            logger,
            locationTemplate:
              config.getOptionalString(`${CONFIG_KEY}.locationTemplate`) ??
              '/release-coordination/releases/:id',
          }),
        });
      },
    });
  },
});
