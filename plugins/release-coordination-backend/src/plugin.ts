import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  DEFAULT_FREEZE_EXEMPT_TYPES,
  DEFAULT_TIME_HORIZON_YEARS,
  DEFAULT_LINK_SCHEMES,
  LINK_SCHEMES_CONFIG_KEY,
  linkSchemesProblem,
  RELEASE_TYPES,
  ReleaseType,
  releaseCoordinationPermissions,
  TimeHorizon,
} from '@internal/plugin-release-coordination-common';
import { DatabaseFreezeStore } from './database/DatabaseFreezeStore';
import { DatabaseReleaseStore } from './database/DatabaseReleaseStore';
import { DatabaseTrainStore } from './database/DatabaseTrainStore';
import { DatabaseCalendarFeedStore } from './database/DatabaseCalendarFeedStore';
import { seedDemoTrains } from './demo/seedDemoTrains';
import { TrainService } from './trains/TrainService';
import { CalendarService } from './ical/CalendarService';
import { CALENDAR_FEED_PATH } from './service/calendarRouter';
import { seedDemoFreezes } from './demo/seedDemoFreezes';
import { seedDemoReleases } from './demo/seedDemoReleases';
import { FreezeService } from './freezes/FreezeService';
import { ConflictService } from './conflicts/ConflictService';
import { ReleaseService } from './releases/ReleaseService';
import { readStandardChanges } from './releases/standardChanges';
import { createRouter } from './service/router';
import { CatalogGraphService } from './catalogGraph/CatalogGraphService';
import { DatabaseRiskOverrideStore } from './database/DatabaseRiskOverrideStore';
import { ImpactService } from './impact/ImpactService';
import { readRiskConfig } from './impact/assessRisk';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { DatabaseApprovalStore } from './database/DatabaseApprovalStore';
import { ApprovalService } from './approvals/ApprovalService';
import { readApprovalPolicy } from './approvals/approvalRules';
import {
  ReadinessService,
  readReadinessPolicy,
} from './readiness/ReadinessService';
import { ReleaseNotifier } from './notifications/ReleaseNotifier';
import { DatabaseNotificationLogStore } from './database/DatabaseNotificationLogStore';
import {
  readReminderHours,
  scheduleApprovalReminders,
} from './notifications/ReminderTask';
import { scheduleWeeklyDigest } from './notifications/WeeklyDigestTask';
import { registerReleaseResource } from './permissions/releaseResource';

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
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        signals: signalsServiceRef,
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
        cache,
        scheduler,
        notifications,
        signals,
      }) {
        permissionsRegistry.addPermissions(releaseCoordinationPermissions);

        const store = await DatabaseReleaseStore.create({ database });
        // migrations ran above; they cover the freezes table too
        const freezeStore = await DatabaseFreezeStore.create({
          database,
          skipMigrations: true,
        });
        const trainStore = await DatabaseTrainStore.create({
          database,
          skipMigrations: true,
        });
        const feedStore = await DatabaseCalendarFeedStore.create({
          database,
          skipMigrations: true,
        });
        const exemptTypes = readExemptTypes(config);
        const timeHorizon = readTimeHorizon(config);
        const linkSchemes = readLinkSchemes(config);
        if (config.getOptionalBoolean('releaseCoordination.demoData.seed')) {
          await seedDemoReleases({
            store,
            approvals: await DatabaseApprovalStore.create({
              database,
              skipMigrations: true,
            }),
            logger,
          });
          await seedDemoFreezes({
            store: freezeStore,
            logger,
            exemptTypes,
          });
          await seedDemoTrains({ store: trainStore, logger });
        }

        const approvalPolicy = readApprovalPolicy(config);
        const releases = new ReleaseService({
          store,
          catalog,
          permissions,
          userInfo,
          releaseManagerGroup: approvalPolicy.releaseManagerGroup,
          standardChanges: readStandardChanges(config),
          startLeadMinutes: config.getOptionalNumber(
            'releaseCoordination.lifecycle.startLeadMinutes',
          ),
        });
        const freezes = new FreezeService({
          store: freezeStore,
          releases: store,
          catalog,
          permissions,
          defaultExemptTypes: exemptTypes,
        });
        const trains = new TrainService({
          store: trainStore,
          releases,
          releaseStore: store,
          catalog,
          permissions,
        });
        const conflicts = new ConflictService({
          store,
          freezes,
          catalog,
          auth,
          cache,
          trains,
          visibility: releases,
          maxConcurrentPerOwner:
            config.getOptionalNumber(
              'releaseCoordination.conflicts.maxConcurrentPerOwner',
            ) ?? undefined,
        });
        const calendar = new CalendarService({
          releases: store,
          freezes: freezeStore,
          feeds: feedStore,
          catalog,
          auth,
          discovery,
          appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
        });
        const graphs = new CatalogGraphService({ catalog, auth, logger });
        await graphs.schedule(scheduler);
        const impact = new ImpactService({
          graphs,
          catalog,
          permissions,
          releases,
          store,
          overrides: await DatabaseRiskOverrideStore.create({
            database,
            skipMigrations: true,
          }),
          conflicts,
          freezes,
          riskConfig: readRiskConfig(config),
          defaultMaxDepth:
            config.getOptionalNumber('releaseCoordination.impact.maxDepth') ??
            undefined,
        });
        registerReleaseResource({ permissionsRegistry, store });
        const approvalStore = await DatabaseApprovalStore.create({
          database,
          skipMigrations: true,
        });
        const notifier = new ReleaseNotifier({
          notifications,
          signals,
          logger,
        });
        const approvals = new ApprovalService({
          releases,
          store: approvalStore,
          catalog,
          userInfo,
          permissions,
          policy: approvalPolicy,
          notifier,
          logger,
          impact,
        });
        approvals.register();
        const readiness = new ReadinessService({
          releases,
          releaseStore: store,
          store: approvalStore,
          approvals,
          conflicts,
          impact,
          catalog,
          auditor,
          policy: readReadinessPolicy(config),
          notifier,
        });
        readiness.register();
        // global tasks: one replica runs each tick, the log sends each once
        const notificationLog = await DatabaseNotificationLogStore.create({
          database,
          skipMigrations: true,
        });
        await scheduleApprovalReminders(scheduler, {
          releases: store,
          approvals,
          decisions: approvalStore,
          log: notificationLog,
          notifier,
          auth,
          reminderHours: readReminderHours(config),
          releaseManagerGroup: approvalPolicy.releaseManagerGroup,
          followUpDays: approvalPolicy.followUpDays,
          logger,
        });
        await scheduleWeeklyDigest(scheduler, {
          releases: store,
          log: notificationLog,
          notifier,
          logger,
        });
        httpRouter.use(
          await createRouter({
            releases,
            freezes,
            conflicts,
            trains,
            calendar,
            impact,
            approvals,
            readiness,
            userInfo,
            httpAuth,
            auditor,
            timeHorizon,
            linkSchemes,
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
      },
    });
  },
});

/** The most years from now request times may lie in, checked at startup. */
const MAX_TIME_HORIZON_YEARS = 100;

/** How far from now request times may lie, checked at startup. */
function readTimeHorizon(config: Config): TimeHorizon {
  const key = 'releaseCoordination.timeHorizonYears';
  const years = config.getOptionalNumber(key) ?? DEFAULT_TIME_HORIZON_YEARS;
  if (!Number.isInteger(years) || years < 1 || years > MAX_TIME_HORIZON_YEARS) {
    throw new Error(
      `${key}: must be a whole number of years from 1 to ${MAX_TIME_HORIZON_YEARS}, not ${years}`,
    );
  }
  return { years };
}

/** The release types exempt from freezes by default, checked at startup. */
function readExemptTypes(config: Config): ReleaseType[] {
  const key = 'releaseCoordination.freezes.exemptTypes';
  const types = config.getOptionalStringArray(key);
  if (!types) {
    return [...DEFAULT_FREEZE_EXEMPT_TYPES];
  }
  const unknown = types.filter(
    type => !(RELEASE_TYPES as readonly string[]).includes(type),
  );
  if (unknown.length > 0) {
    throw new Error(
      `${key}: unknown release type(s) ${unknown.join(
        ', ',
      )}; known are ${RELEASE_TYPES.join(', ')}`,
    );
  }
  return types as ReleaseType[];
}

/** The URL schemes user-supplied links may have, checked at startup. */
function readLinkSchemes(config: Config): readonly string[] {
  const schemes = config.getOptionalStringArray(LINK_SCHEMES_CONFIG_KEY);
  if (!schemes) {
    return DEFAULT_LINK_SCHEMES;
  }
  const problem = linkSchemesProblem(schemes);
  if (problem) {
    throw new Error(`${LINK_SCHEMES_CONFIG_KEY}: ${problem}`);
  }
  return schemes;
}
