import {
  AuditorService,
  AuthService,
  DiscoveryService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { TimeHorizon } from '@internal/plugin-release-coordination-common';
import { ApprovalService } from './approvals/ApprovalService';
import { ApprovalPolicy, readApprovalPolicy } from './approvals/approvalRules';
import { CatalogModel } from './catalogGraph/CatalogModel';
import { ConflictService } from './conflicts/ConflictService';
import { ConflictTable } from './conflicts/ConflictTable';
import { Stores } from './database/createStores';
import { ListingCache } from './listingCache/ListingCache';
import { FreezeService } from './freezes/FreezeService';
import { CalendarService } from './ical/CalendarService';
import { readRiskConfig } from './impact/assessRisk';
import { ImpactService } from './impact/ImpactService';
import { listenForNotifications } from './notifications/listenForNotifications';
import { ReleaseNotifier } from './notifications/ReleaseNotifier';
import {
  ReadinessService,
  readReadinessPolicy,
} from './readiness/ReadinessService';
import { ReleaseService } from './releases/ReleaseService';
import { readStandardChanges } from './releases/standardChanges';
import { readExemptTypes, readLinkSchemes, readTimeHorizon } from './settings';
import { TrainService } from './trains/TrainService';
import { VerificationChecker } from './verification/checkers';
import { VerificationService } from './verification/VerificationService';
import { ReleaseIssueService } from './releaseIssues/ReleaseIssueService';
import { EscalationRule } from './releaseIssues/escalationPolicy';
import { createAfterGoLiveServices } from './createAfterGoLiveServices';
import { RollbackService } from './rollback/RollbackService';
import { ReviewService } from './reviews/ReviewService';
import { ReleaseNotesService } from './releaseNotes/ReleaseNotesService';
import { ReleaseAnnouncer } from './releaseNotes/ReleaseAnnouncer';
import { NotesFeedService } from './releaseNotes/NotesFeedService';
import { MetricsService } from './metrics/MetricsService';
import { createMetricsService } from './metrics/createMetricsService';
import {
  createEntityAnnotationService,
  EntityAnnotationService,
} from './annotations/EntityAnnotationService';

/**
 * What the services are built from: the stores, Backstage's core services
 * and the configuration (every `releaseCoordination` key has a default).
 *
 * @public
 */
export interface ServiceDependencies {
  stores: Stores;
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  logger: LoggerService;
  discovery: DiscoveryService;
  notifications?: NotificationService;
  signals?: SignalsService;
  /** Automatic checkers of success criteria added through the extension point. */
  verificationCheckers?: readonly VerificationChecker[];
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * Every service of the plugin, wired to each other, with the settings read
 * from the configuration that the router and the tasks need too.
 *
 * @public
 */
export interface Services {
  catalog: CatalogModel;
  releases: ReleaseService;
  freezes: FreezeService;
  trains: TrainService;
  conflicts: ConflictService;
  /** The conflicts table's upkeep and reconciliation. */
  conflictTable: ConflictTable;
  calendar: CalendarService;
  impact: ImpactService;
  approvals: ApprovalService;
  readiness: ReadinessService;
  verification: VerificationService;
  notifier: ReleaseNotifier;
  rollbacks: RollbackService;
  approvalPolicy: ApprovalPolicy;
  timeHorizon: TimeHorizon;
  linkSchemes: readonly string[];
  issues: ReleaseIssueService;
  escalationRules: EscalationRule[];
  reviews: ReviewService;
  releaseNotes: ReleaseNotesService;
  announcer: ReleaseAnnouncer;
  notesFeeds: NotesFeedService;
  metrics: MetricsService;
  /** Problems of the annotations of an entity, for its Releases tab. */
  annotations: EntityAnnotationService;
  /** Release listings kept while nothing they show has changed. */
  listings: ListingCache;
}

/**
 * The conflicts API and the conflicts table's upkeep, which from now on
 * runs inside every write to releases and freezes of these stores; blocking
 * conflicts of the releases covering a deploy prevent it at the gate.
 */
function createConflictServices(
  deps: ServiceDependencies,
  built: {
    catalog: CatalogModel;
    freezes: FreezeService;
    trains: TrainService;
    releases: ReleaseService;
  },
): { conflictTable: ConflictTable; conflicts: ConflictService } {
  const { stores, config, auth, now } = deps;
  const { catalog, freezes } = built;
  const maxConcurrentPerOwner = config.getOptionalNumber(
    'releaseCoordination.conflicts.maxConcurrentPerOwner',
  );
  const conflictTable = new ConflictTable({
    transactions: stores.transactions,
    freezes,
    catalog,
    auth,
    maxConcurrentPerOwner,
  });
  conflictTable.listen();
  const conflicts = new ConflictService({
    store: stores.releaseStore,
    table: stores.conflictStore,
    freezes,
    catalog,
    auth,
    trains: built.trains,
    visibility: built.releases,
    maxConcurrentPerOwner,
    now,
  });
  freezes.addCoveringCheck(covering => conflicts.blockingReasons(covering));
  return { conflictTable, conflicts };
}

/**
 * The kept release listings, and the dependencies whose permissions service
 * is theirs: every service asks through it, and it tells a listing being
 * computed the questions it asked.
 */
function withListings(dependencies: ServiceDependencies) {
  const listings = new ListingCache({
    revision: dependencies.stores.listingRevision,
    permissions: dependencies.permissions,
  });
  return {
    listings,
    deps: { ...dependencies, permissions: listings.permissions },
  };
}

/**
 * Builds every service from the stores and core services, as the plugin
 * runs them; the plugin and every test kit use it, so tests run the wiring
 * users get. Side effects hang on the release lifecycle as listeners
 * (approval rounds, readiness, notifications), registered here once.
 *
 * @public
 */
export function createServices(dependencies: ServiceDependencies): Services {
  const { listings, deps } = withListings(dependencies);
  const { stores, config, auth, permissions, userInfo, logger, now } = deps;
  const catalog = new CatalogModel(deps);
  const approvalPolicy = readApprovalPolicy(config);
  const releases = new ReleaseService({
    store: stores.releaseStore,
    catalog,
    permissions,
    userInfo,
    releaseManagerGroup: approvalPolicy.releaseManagerGroup,
    standardChanges: readStandardChanges(config),
    startLeadMinutes: config.getOptionalNumber(
      'releaseCoordination.lifecycle.startLeadMinutes',
    ),
    now,
  });
  const freezes = new FreezeService({
    store: stores.freezeStore,
    releases: stores.releaseStore,
    catalog,
    permissions,
    defaultExemptTypes: readExemptTypes(config),
    appBaseUrl: config.getOptionalString('app.baseUrl'),
    now,
    listings,
  });
  const trains = new TrainService({
    store: stores.trainStore,
    releases,
    releaseStore: stores.releaseStore,
    catalog,
    permissions,
    now,
  });
  const { conflictTable, conflicts } = createConflictServices(deps, {
    catalog,
    freezes,
    trains,
    releases,
  });
  const calendar = new CalendarService({
    releases: stores.releaseStore,
    freezes: stores.freezeStore,
    feeds: stores.calendarFeedStore,
    catalog,
    auth,
    discovery: deps.discovery,
    appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
    now,
  });
  const impact = new ImpactService({
    catalog,
    releases,
    store: stores.releaseStore,
    overrides: stores.riskOverrideStore,
    conflicts,
    freezes,
    riskConfig: readRiskConfig(config),
    defaultMaxDepth: config.getOptionalNumber(
      'releaseCoordination.impact.maxDepth',
    ),
    now,
  });
  const notifier = new ReleaseNotifier(deps);
  const approvals = new ApprovalService({
    releases,
    store: stores.approvalStore,
    userInfo,
    permissions,
    policy: approvalPolicy,
    logger,
    impact,
    now,
  });
  approvals.register();
  const readiness = new ReadinessService({
    releases,
    releaseStore: stores.releaseStore,
    store: stores.approvalStore,
    approvals,
    conflicts,
    impact,
    catalog,
    auditor: deps.auditor,
    policy: readReadinessPolicy(config),
  });
  readiness.register();
  listenForNotifications({ releases, approvals, readiness, notifier, logger });
  return {
    ...createAfterGoLiveServices(deps, {
      releases,
      catalog,
      readiness,
      notifier,
      freezes,
      impact,
      approvalPolicy,
    }),
    catalog,
    releases,
    freezes,
    trains,
    conflicts,
    conflictTable,
    calendar,
    impact,
    approvals,
    readiness,
    notifier,
    approvalPolicy,
    timeHorizon: readTimeHorizon(config),
    linkSchemes: readLinkSchemes(config),
    metrics: createMetricsService(deps, catalog),
    annotations: createEntityAnnotationService(config, catalog),
    listings,
  };
}
