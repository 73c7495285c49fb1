/** The approval and readiness routes over a test database, with the teams, users and requests their tests use. */

import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  Conflict,
  ImpactReport,
  Release,
  ReleaseApprovals,
  RiskAssessment,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import { ApprovalService } from '../../approvals/ApprovalService';
import { readApprovalPolicy } from '../../approvals/approvalRules';
import { CatalogModel } from '../../catalogGraph/CatalogModel';
import { ConflictService } from '../../conflicts/ConflictService';
import { createStores } from '../../database/createStores';
import { listenForNotifications } from '../../notifications/listenForNotifications';
import { ReleaseNotifier } from '../../notifications/ReleaseNotifier';
import {
  ReadinessService,
  readReadinessPolicy,
} from '../../readiness/ReadinessService';
import { ReleaseService } from '../../releases/ReleaseService';
import { readStandardChanges } from '../../releases/standardChanges';
import { createRouter } from '../router';
import { notesReadiness } from '../../releaseNotes/notesReadiness';
import {
  mockAuditor,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
} from './routerTestKit';

const db = routerTestDatabase(['SQLITE_3', 'POSTGRES_15']);

/** The databases {@link createApp} can run on here (for `describe.each`). */
export const eachDatabase = () => db.eachSupportedId();

export const TEAM_A = 'group:default/team-a';
export const TEAM_B = 'group:default/team-b';
export const TEAM_C = 'group:default/team-c';
export const MANAGERS = 'group:default/release-managers';
export const DAVE = 'user:default/dave'; // team-a, creates the releases
export const ALICE = 'user:default/alice'; // team-a
export const CAROL = 'user:default/carol'; // team-a
export const BOB = 'user:default/bob'; // team-b
export const RITA = 'user:default/rita'; // release managers
export const MALLORY = 'user:default/mallory'; // nobody
export const TINA = 'user:default/tina'; // team-c
export const PAT = 'user:default/pat'; // team-a and team-b

const groupsOf: Record<string, string[]> = {
  [DAVE]: [TEAM_A],
  [ALICE]: ['group:default/Team-A'],
  [CAROL]: [TEAM_A],
  [BOB]: [TEAM_B],
  [RITA]: [MANAGERS],
  [TINA]: [TEAM_C],
  [PAT]: [TEAM_A, TEAM_B],
};

const userInfo = userInfoWithGroups(groupsOf);

const ANNOTATED = {
  'pagerduty.com/service-id': 'P123',
  'backstage.io/techdocs-ref': 'dir:.',
};

export function component(
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner },
  };
}

export const entities: Entity[] = [
  component('checkout', 'team-a', ANNOTATED),
  component('search', 'group:default/team-b'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orphan', namespace: 'default', annotations: ANNOTATED },
    spec: {},
  },
  ...['team-a', 'team-b', 'release-managers'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: {},
  })),
];

export const as = (user: string) => mockCredentials.user.header(user);

/** The declared standard change the standard releases below follow. */
const ROUTINE_CHANGE = {
  id: 'routine',
  entityRefs: ['component:checkout', 'component:orphan'],
  changeKinds: ['config'],
};

/** A standard release of checkout following {@link ROUTINE_CHANGE}. */
export const STANDARD = {
  type: 'standard',
  standardChangeId: 'routine',
  entityRefs: ['component:checkout'],
  changes: [{ kind: 'config', title: 'Raise a timeout' }],
};

export async function createApp(
  options: {
    config?: object;
    conflicts?: Conflict[];
    /** The computed risk and owners of the impact report of every release. */
    impact?: {
      level: RiskLevel;
      owners: ImpactReport['owners'];
      /** Entities reached only as containers (systems, domains); others depend on the release. */
      containers?: string[];
    };
    /** The risk readiness sees for every release (with it, "Risk assessed" is checked). */
    risk?: { current: RiskAssessment };
    /** The clock of the approvals. */
    now?: () => Date;
    /** The database to run on; SQLite by default. */
    databaseId?: TestDatabaseId;
  } = {},
) {
  const { database, releaseStore: store } = await db.init(options.databaseId);
  const { approvalStore, releaseNotesStore } = await createStores(database);
  const { auditor } = mockAuditor();
  const permission: { approve: AuthorizeResult.ALLOW | AuthorizeResult.DENY } =
    { approve: AuthorizeResult.ALLOW };
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async (requests: { permission: { name: string } }[]) =>
      requests.map(
        r =>
          ({
            result:
              r.permission.name === 'release-coordination.release.approve'
                ? permission.approve
                : AuthorizeResult.ALLOW,
          } as PolicyDecision),
      ),
    ) as any,
  });
  const catalog = new CatalogModel({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
  });
  const config = mockServices.rootConfig({
    data: {
      releaseCoordination: {
        standardChanges: [ROUTINE_CHANGE],
        ...options.config,
      },
    },
  });
  const releases = new ReleaseService({
    store,
    catalog,
    permissions,
    userInfo,
    releaseManagerGroup: readApprovalPolicy(config).releaseManagerGroup,
    standardChanges: readStandardChanges(config),
    // inside the window of the releases created below
    now: () => new Date('2026-12-01T10:30:00Z'),
  });
  const notifications = { send: jest.fn(async () => {}) };
  const signals = { publish: jest.fn(async () => {}) };
  const notifier = new ReleaseNotifier({
    notifications,
    signals,
    logger: mockServices.logger.mock(),
  });
  const approvals = new ApprovalService({
    releases,
    store: approvalStore,
    userInfo,
    permissions,
    policy: readApprovalPolicy(config),
    now: options.now,
    impact: options.impact && {
      releaseImpact: jest.fn(
        async () =>
          ({
            owners: options.impact!.owners,
            dependents: options
              .impact!.owners.flatMap(owner => owner.entityRefs)
              .map(entityRef => ({
                entityRef,
                path: ['component:default/checkout', entityRef],
                via: options.impact!.containers?.includes(entityRef)
                  ? 'partOf'
                  : 'dependsOn',
              })),
            risk: {
              level: 'low',
              computedLevel: options.impact!.level,
            },
          } as unknown as ImpactReport),
      ),
    },
  });
  approvals.register();
  const conflicts = {
    conflictsOf: jest.fn(async () => options.conflicts ?? []),
  } as unknown as ConflictService;
  const readiness = new ReadinessService({
    releases,
    releaseStore: store,
    store: approvalStore,
    approvals,
    conflicts,
    impact: options.risk && {
      releaseImpact: jest.fn(
        async () => ({ risk: options.risk!.current } as ImpactReport),
      ),
    },
    catalog,
    auditor,
    policy: readReadinessPolicy(config),
  });
  readiness.register();
  readiness.addContributor(notesReadiness(releaseNotesStore));
  listenForNotifications({
    releases,
    approvals,
    readiness,
    notifier,
    logger: mockServices.logger.mock(),
  });
  const router = await createRouter({
    releases,
    httpAuth: mockServices.httpAuth(),
    auditor,
    approvals,
    readiness,
  });
  const app = testApp(router);
  return { app, auditor, notifications, signals, permission };
}

type App = Awaited<ReturnType<typeof createApp>>['app'];

export async function createRelease(
  app: App,
  body: object = {},
  state: 'draft' | 'planned' = 'planned',
): Promise<Release> {
  const res = await request(app)
    .post('/releases')
    .set('Authorization', as(DAVE))
    .send({
      title: 'Checkout 4.0',
      version: '4.0.0',
      type: 'normal',
      window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
      entityRefs: ['component:checkout', 'component:search'],
      ownerRef: TEAM_A,
      description: 'Release notes',
      ...body,
    });
  expect(res.status).toBe(201);
  if (state === 'draft') return res.body;
  return move(app, res.body.id, 'planned');
}

export async function move(
  app: App,
  id: string,
  to: string,
  extra: object = {},
) {
  const res = await request(app)
    .post(`/releases/${id}/transition`)
    .set('Authorization', as(DAVE))
    .send({ to, ...extra });
  expect(res.status).toBe(200);
  return res.body;
}

export const approvalsOf = async (app: App, id: string, user = ALICE) => {
  const res = await request(app)
    .get(`/releases/${id}/approvals`)
    .set('Authorization', as(user));
  expect(res.status).toBe(200);
  return res.body as ReleaseApprovals;
};

export const decide = (
  app: App,
  id: string,
  user: string,
  decision = 'approve',
) =>
  request(app)
    .post(`/releases/${id}/approvals`)
    .set('Authorization', as(user))
    .send({ decision, comment: `${decision} by ${user}` });
