import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  Conflict,
  Release,
  ImpactReport,
  ReleaseApprovals,
  RiskAssessment,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import { ApprovalService } from '../approvals/ApprovalService';
import { readApprovalPolicy } from '../approvals/approvalRules';
import { ConflictService } from '../conflicts/ConflictService';
import { listenForNotifications } from '../notifications/listenForNotifications';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import {
  ReadinessService,
  readReadinessPolicy,
} from '../readiness/ReadinessService';
import { ReleaseService } from '../releases/ReleaseService';
import { readStandardChanges } from '../releases/standardChanges';
import {
  mockAuditor,
  requestWithoutCredentials,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const db = routerTestDatabase();

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const TEAM_C = 'group:default/team-c';
const MANAGERS = 'group:default/release-managers';
const DAVE = 'user:default/dave'; // team-a, creates the releases
const ALICE = 'user:default/alice'; // team-a
const CAROL = 'user:default/carol'; // team-a
const BOB = 'user:default/bob'; // team-b
const RITA = 'user:default/rita'; // release managers
const MALLORY = 'user:default/mallory'; // nobody

const groupsOf: Record<string, string[]> = {
  [DAVE]: [TEAM_A],
  [ALICE]: ['group:default/Team-A'],
  [CAROL]: [TEAM_A],
  [BOB]: [TEAM_B],
  [RITA]: [MANAGERS],
};

const userInfo = userInfoWithGroups(groupsOf);

const ANNOTATED = {
  'pagerduty.com/service-id': 'P123',
  'backstage.io/techdocs-ref': 'dir:.',
};

function component(
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

const entities: Entity[] = [
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

const as = (user: string) => mockCredentials.user.header(user);

/** The declared standard change the standard releases below follow. */
const ROUTINE_CHANGE = {
  id: 'routine',
  entityRefs: ['component:checkout', 'component:orphan'],
  changeKinds: ['config'],
};

/** A standard release of checkout following {@link ROUTINE_CHANGE}. */
const STANDARD = {
  type: 'standard',
  standardChangeId: 'routine',
  entityRefs: ['component:checkout'],
  changes: [{ kind: 'config', title: 'Raise a timeout' }],
};

async function createApp(
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
  } = {},
) {
  const { database, releaseStore: store } = await db.init();
  const approvalStore = await createStores(database).then(
    stores => stores.approvalStore,
  );
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

async function createRelease(
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

async function move(app: App, id: string, to: string, extra: object = {}) {
  const res = await request(app)
    .post(`/releases/${id}/transition`)
    .set('Authorization', as(DAVE))
    .send({ to, ...extra });
  expect(res.status).toBe(200);
  return res.body;
}

const approvalsOf = async (app: App, id: string, user = ALICE) => {
  const res = await request(app)
    .get(`/releases/${id}/approvals`)
    .set('Authorization', as(user));
  expect(res.status).toBe(200);
  return res.body as ReleaseApprovals;
};

const decide = (app: App, id: string, user: string, decision = 'approve') =>
  request(app)
    .post(`/releases/${id}/approvals`)
    .set('Authorization', as(user))
    .send({ decision, comment: `${decision} by ${user}` });

describe('approvals routes', () => {
  it('derives the owner groups, lets members decide once per group and gates approved', async () => {
    const { app, notifications } = await createApp();
    const release = await createRelease(app);

    const initial = await approvalsOf(app, release.id);
    expect(initial).toMatchObject({
      rule: 'owners',
      round: 1,
      required: [
        {
          groupRef: TEAM_A,
          reason: 'owner',
          entityRefs: ['component:default/checkout'],
          status: 'pending',
        },
        {
          groupRef: TEAM_B,
          reason: 'owner',
          entityRefs: ['component:default/search'],
          status: 'pending',
        },
      ],
      decisions: [],
      pending: [TEAM_A, TEAM_B],
      complete: false,
      rejected: false,
      mayDecide: [TEAM_A],
    });
    // the creator may not decide, nobody else outside the groups either
    expect((await approvalsOf(app, release.id, DAVE)).mayDecide).toEqual([]);
    expect((await approvalsOf(app, release.id, MALLORY)).mayDecide).toEqual([]);

    const early = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'approved' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain(`approval of ${TEAM_A} missing`);
    expect(early.body.error.message).toContain(TEAM_B);

    expect((await decide(app, release.id, MALLORY)).status).toBe(403);
    const self = await decide(app, release.id, DAVE);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('self-approval');

    // two members of team-a race: one decision counts, the other is refused
    const racing = await Promise.all([
      decide(app, release.id, ALICE),
      decide(app, release.id, CAROL),
    ]);
    expect(racing.map(r => r.status).sort()).toEqual([201, 409]);

    const rejected = await decide(app, release.id, BOB, 'reject');
    expect(rejected.status).toBe(201);
    expect(rejected.body).toMatchObject({ rejected: true, complete: false });
    const blocked = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'approved' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain(`rejected by ${TEAM_B}`);

    // only the member who decided may withdraw
    const path = `/releases/${release.id}/approvals/${encodeURIComponent(
      TEAM_B,
    )}`;
    expect(
      (await request(app).delete(path).set('Authorization', as(ALICE))).status,
    ).toBe(403);
    const withdrawn = await request(app)
      .delete(path)
      .set('Authorization', as(BOB));
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.pending).toEqual([TEAM_B]);
    expect(
      (await request(app).delete(path).set('Authorization', as(BOB))).status,
    ).toBe(404);

    expect((await decide(app, release.id, BOB)).body).toMatchObject({
      complete: true,
      pending: [],
    });
    const approved = await move(app, release.id, 'approved');
    expect(approved.state).toBe('approved');

    // notifications: one per event and recipient set, never the actor
    const sent = notifications.send.mock.calls.map(
      ([n]: any) => [n.recipients, n.payload.title, n.payload.scope] as const,
    );
    expect(sent).toEqual([
      [
        {
          type: 'entity',
          entityRef: [TEAM_A, TEAM_B],
          excludeEntityRef: [DAVE],
        },
        'Your approval is requested: Checkout 4.0 4.0.0',
        `release-coordination:${release.id}:approval-requested:1`,
      ],
      [
        {
          type: 'entity',
          entityRef: [
            'component:default/checkout',
            'component:default/search',
            TEAM_A,
          ],
          excludeEntityRef: [DAVE, TEAM_A, TEAM_B],
        },
        'Checkout 4.0 4.0.0 is planned',
        `release-coordination:${release.id}:state:planned`,
      ],
      [
        { type: 'entity', entityRef: [TEAM_A], excludeEntityRef: [ALICE] },
        `Checkout 4.0 4.0.0 was approved by ${TEAM_A}`,
        `release-coordination:${release.id}:decision:1:${TEAM_A}`,
      ],
      [
        { type: 'entity', entityRef: [TEAM_A], excludeEntityRef: [BOB] },
        `Checkout 4.0 4.0.0 was rejected by ${TEAM_B}`,
        `release-coordination:${release.id}:decision:1:${TEAM_B}`,
      ],
      [
        { type: 'entity', entityRef: [TEAM_A], excludeEntityRef: [BOB] },
        `Checkout 4.0 4.0.0 was approved by ${TEAM_B}`,
        `release-coordination:${release.id}:decision:1:${TEAM_B}`,
      ],
      [
        {
          type: 'entity',
          entityRef: [
            'component:default/checkout',
            'component:default/search',
            TEAM_A,
          ],
          excludeEntityRef: [DAVE],
        },
        'Checkout 4.0 4.0.0 is approved',
        `release-coordination:${release.id}:state:approved`,
      ],
    ]);
    for (const [n] of notifications.send.mock.calls as any[]) {
      expect(n.payload).toMatchObject({
        link: `/release-coordination/releases/${release.id}`,
        topic: `release:${release.id}`,
      });
    }
  });

  it('starts a new round when the plan of an approved release changes, and says so', async () => {
    const { app, notifications, signals } = await createApp();
    const release = await createRelease(app);
    await decide(app, release.id, ALICE);
    await decide(app, release.id, BOB);
    const approved = await move(app, release.id, 'approved');

    // a title change keeps the approvals
    const retitled = await request(app)
      .patch(`/releases/${release.id}`)
      .set('Authorization', as(DAVE))
      .send({ revision: approved.revision, title: 'Checkout 4.0 final' });
    expect(retitled.status).toBe(200);
    expect((await approvalsOf(app, release.id)).complete).toBe(true);

    // so does writing the rollback plan, which is not part of the plan
    const withPlan = await request(app)
      .patch(`/releases/${release.id}`)
      .set('Authorization', as(DAVE))
      .send({ revision: retitled.body.revision, rollbackPlan: 'Redeploy 3.9' });
    expect(withPlan.status).toBe(200);
    expect(withPlan.body.rollbackPlan).toBe('Redeploy 3.9');
    expect(await approvalsOf(app, release.id)).toMatchObject({
      round: 1,
      complete: true,
    });

    notifications.send.mockClear();
    const moved = await request(app)
      .patch(`/releases/${release.id}`)
      .set('Authorization', as(DAVE))
      .send({
        revision: withPlan.body.revision,
        window: { start: '2026-12-02T10:00:00Z', end: '2026-12-02T12:00:00Z' },
      });
    expect(moved.status).toBe(200);
    const after = await approvalsOf(app, release.id);
    expect(after).toMatchObject({
      round: 2,
      decisions: [],
      pending: [TEAM_A, TEAM_B],
      complete: false,
      mayDecide: [TEAM_A],
    });
    const events = await request(app)
      .get(`/releases/${release.id}/events`)
      .set('Authorization', as(DAVE));
    expect(events.body.items.at(-1)).toMatchObject({
      action: 'approvals-reset',
      changes: [{ field: 'approvalRound', before: 1, after: 2 }],
      reason: expect.stringContaining('window'),
    });
    expect(notifications.send).toHaveBeenCalledTimes(1);
    expect(notifications.send.mock.calls[0]).toMatchObject([
      {
        payload: {
          scope: `release-coordination:${release.id}:approval-requested:2`,
        },
      },
    ]);
    // the same group may decide again in the new round
    expect((await decide(app, release.id, CAROL)).status).toBe(201);
    // every change and decision is signalled to open pages
    expect(signals.publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'release-coordination:release',
      message: {
        id: release.id,
        revision: moved.body.revision,
        what: 'updated',
      },
    });
  });

  it('applies the policy per type: standard needs none, emergency the release managers first', async () => {
    const { app } = await createApp();
    const standard = await createRelease(app, STANDARD);
    expect(await approvalsOf(app, standard.id)).toMatchObject({
      rule: 'none',
      required: [],
      complete: true,
    });
    expect((await decide(app, standard.id, ALICE)).status).toBe(403);
    await move(app, standard.id, 'approved');

    const emergency = await createRelease(app, { type: 'emergency' });
    expect(await approvalsOf(app, emergency.id, RITA)).toMatchObject({
      rule: 'release-manager',
      required: [
        { groupRef: MANAGERS, reason: 'release-manager', status: 'pending' },
        { groupRef: TEAM_A, phase: 'after', status: 'pending-after' },
        { groupRef: TEAM_B, phase: 'after', status: 'pending-after' },
      ],
      pending: [MANAGERS],
      pendingAfter: [TEAM_A, TEAM_B],
      mayDecide: [MANAGERS],
    });
    expect((await decide(app, emergency.id, RITA)).body).toMatchObject({
      complete: true,
      pendingAfter: [TEAM_A, TEAM_B],
    });
    await move(app, emergency.id, 'approved');
    // the owners approve afterwards
    expect((await decide(app, emergency.id, BOB)).body.pendingAfter).toEqual([
      TEAM_A,
    ]);
  });

  it('gives the approvals afterwards a deadline, marks them overdue after it and takes them after the release is verified', async () => {
    let clock = new Date('2026-11-26T12:00:00.000Z');
    const { app } = await createApp({
      now: () => clock,
      config: { approvals: { emergencyFollowUp: { days: 3 } } },
    });
    const emergency = await createRelease(app, { type: 'emergency' });
    expect(await approvalsOf(app, emergency.id, RITA)).not.toHaveProperty(
      'followUpDeadline',
    );
    await decide(app, emergency.id, RITA);
    expect(await approvalsOf(app, emergency.id)).toMatchObject({
      followUpDeadline: '2026-11-29T12:00:00.000Z',
      overdue: [],
      pendingAfter: [TEAM_A, TEAM_B],
    });
    await move(app, emergency.id, 'approved');
    await move(app, emergency.id, 'in_progress', {
      override: { reason: 'Outage' },
    });
    await move(app, emergency.id, 'released');
    await move(app, emergency.id, 'verified');

    clock = new Date('2026-11-29T12:00:00.001Z');
    const late = await approvalsOf(app, emergency.id);
    expect(late).toMatchObject({
      followUpDeadline: '2026-11-29T12:00:00.000Z',
      overdue: [TEAM_A, TEAM_B],
      pendingAfter: [TEAM_A, TEAM_B],
      complete: true,
      mayDecide: [TEAM_A],
    });
    expect(late.required.map(r => [r.groupRef, r.status])).toEqual([
      [MANAGERS, 'approved'],
      [TEAM_A, 'overdue'],
      [TEAM_B, 'overdue'],
    ]);
    const readiness = await request(app)
      .get(`/releases/${emergency.id}/readiness`)
      .set('Authorization', as(ALICE));
    expect(
      readiness.body.items.find((i: { id: string }) => i.id === 'approvals'),
    ).toMatchObject({
      passed: true,
      facts: [
        `${MANAGERS}: approved`,
        `${TEAM_A}: overdue`,
        `${TEAM_B}: overdue`,
        'Approvals afterwards due by 2026-11-29T12:00:00.000Z',
      ],
    });
    // a verified release still takes the approvals collected afterwards…
    expect((await decide(app, emergency.id, BOB)).status).toBe(201);
    expect(await approvalsOf(app, emergency.id)).toMatchObject({
      overdue: [TEAM_A],
      pendingAfter: [TEAM_A],
    });
    // …but a cancelled one takes none
    const cancelled = await createRelease(app, { type: 'emergency' });
    await move(app, cancelled.id, 'cancelled', { reason: 'Not needed' });
    expect((await decide(app, cancelled.id, RITA)).status).toBe(409);
  });

  it('follows configured rules and falls back to the release owner for unowned entities', async () => {
    const { app } = await createApp({
      config: {
        approvals: {
          rules: { standard: 'owners', emergency: 'owners' },
          releaseManagerGroup: 'change-board',
          preventSelfApproval: false,
        },
      },
    });
    const release = await createRelease(app, {
      ...STANDARD,
      entityRefs: ['component:orphan'],
      ownerRef: TEAM_A,
    });
    expect((await approvalsOf(app, release.id, DAVE)).required).toEqual([
      {
        groupRef: TEAM_A,
        reason: 'owner',
        entityRefs: ['component:default/orphan'],
        phase: 'before',
        status: 'pending',
      },
    ]);
    // self-approval allowed by config
    expect((await decide(app, release.id, DAVE)).status).toBe(201);
  });

  it('requires the owners of affected dependents for breaking or high-risk releases', async () => {
    const impact = {
      level: 'low' as RiskLevel,
      owners: [
        // owner of the release's own entity: required as owner already
        { groupRef: TEAM_A, entityRefs: ['component:default/checkout'] },
        { groupRef: TEAM_B, entityRefs: ['component:default/web'] },
        { groupRef: MANAGERS, entityRefs: ['component:default/ledger'] },
        // owns only the domain containing the release: not a dependent
        { groupRef: TEAM_C, entityRefs: ['domain:default/commerce'] },
      ],
      containers: ['domain:default/commerce'],
    };
    const { app } = await createApp({ impact });
    const single = { entityRefs: ['component:checkout'] };
    const groupsOfRelease = async (id: string) =>
      (await approvalsOf(app, id)).required.map(r => [r.groupRef, r.reason]);

    // low risk, no breaking change: the owners alone
    const plain = await createRelease(app, single);
    expect(await groupsOfRelease(plain.id)).toEqual([[TEAM_A, 'owner']]);

    // a breaking change: dependents' owners too, not the owners twice
    const breaking = await createRelease(app, {
      ...single,
      changes: [{ kind: 'breaking', title: 'Drops v1 of the API' }],
    });
    const required = (await approvalsOf(app, breaking.id)).required;
    expect(required.map(r => [r.groupRef, r.reason, r.entityRefs])).toEqual([
      [TEAM_A, 'owner', ['component:default/checkout']],
      [MANAGERS, 'affected-dependent', ['component:default/ledger']],
      [TEAM_B, 'affected-dependent', ['component:default/web']],
    ]);
    const blocked = await request(app)
      .post(`/releases/${breaking.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'approved' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain(`approval of ${TEAM_B}`);

    // a computed risk of high (or critical) does it as well
    impact.level = 'high';
    expect(await groupsOfRelease(plain.id)).toEqual([
      [TEAM_A, 'owner'],
      [MANAGERS, 'affected-dependent'],
      [TEAM_B, 'affected-dependent'],
    ]);
    impact.level = 'medium';
    expect(await groupsOfRelease(plain.id)).toEqual([[TEAM_A, 'owner']]);

    // and the policy can turn it off
    const off = await createApp({
      impact: { ...impact, level: 'critical' },
      config: { approvals: { dependentOwners: false } },
    });
    const quiet = await createRelease(off.app, single);
    expect(
      (await approvalsOf(off.app, quiet.id)).required.map(r => r.groupRef),
    ).toEqual([TEAM_A]);
  });

  it('refuses decisions the permission policy denies with 403', async () => {
    const { app, permission } = await createApp();
    const release = await createRelease(app);
    permission.approve = AuthorizeResult.DENY;
    expect((await approvalsOf(app, release.id)).mayDecide).toEqual([]);
    const denied = await decide(app, release.id, ALICE);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(
      'release-coordination.release.approve',
    );
  });

  it('refuses decisions on drafts and bad input', async () => {
    const { app } = await createApp();
    const draft = await createRelease(app, {}, 'draft');
    expect((await decide(app, draft.id, ALICE)).status).toBe(409);
    const bad = await request(app)
      .post(`/releases/${draft.id}/approvals`)
      .set('Authorization', as(ALICE))
      .send({ decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect(
      (
        await request(app)
          .get('/releases/nope/approvals')
          .set('Authorization', as(ALICE))
      ).status,
    ).toBe(404);
  });
});

describe('readiness routes', () => {
  it('computes items and the verdict, records manual checks and gates in_progress', async () => {
    const { app } = await createApp({
      conflicts: [
        {
          id: 'c1',
          kind: 'same-entity',
          severity: 'blocking',
          releaseIds: ['x'],
          entityRefs: ['component:default/checkout'],
          message: 'Overlaps "Other"',
          suggestion: 'Move it',
        } as Conflict,
      ],
    });
    const first = await createRelease(app, { title: 'First' });
    const release = await createRelease(app, {
      after: [first.id],
      description: '',
    });
    const res = await request(app)
      .get(`/releases/${release.id}/readiness`)
      .set('Authorization', as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBe('not-ready');
    const byId = Object.fromEntries(
      res.body.items.map((i: { id: string }) => [i.id, i]),
    );
    expect(byId).toMatchObject({
      approvals: { kind: 'automatic', passed: false },
      'no-blocking-conflict': {
        passed: false,
        facts: ['same-entity: Overlaps "Other"'],
      },
      'predecessors-released': {
        passed: false,
        facts: [`"First" (${first.id}) is planned`],
      },
      'on-call-monitoring': {
        passed: false,
        facts: [
          'component:default/search lacks pagerduty.com/service-id, backstage.io/techdocs-ref',
        ],
      },
      'release-notes-present': { passed: false },
      'rollback-plan-present': {
        kind: 'automatic',
        passed: false,
        facts: ['The release has no rollback plan'],
      },
      'rollback-plan': { kind: 'manual', passed: false },
      'release-notes': { kind: 'manual', passed: false },
      'on-call-informed': { kind: 'manual', passed: false },
    });
    expect(res.body.blocking).toContain(
      `Releases it must follow are released: "First" (${first.id}) is planned`,
    );

    const item = (id: string) =>
      `/releases/${release.id}/readiness/items/${id}`;
    expect(
      (
        await request(app)
          .post(item('nope'))
          .set('Authorization', as(ALICE))
          .send({ checked: true })
      ).status,
    ).toBe(404);
    expect(
      (
        await request(app)
          .post(item('rollback-plan'))
          .set('Authorization', as(BOB))
          .send({ checked: true })
      ).status,
    ).toBe(403);
    const scripted = await request(app)
      .post(item('rollback-plan'))
      .set('Authorization', as(ALICE))
      // eslint-disable-next-line no-script-url -- hostile input under test
      .send({ checked: true, evidence: 'javascript:alert(1)' });
    expect(scripted.status).toBe(400);
    expect(scripted.body.error.message).toBe(
      'evidence: must be an http(s) URL',
    );
    const checked = await request(app)
      .post(item('rollback-plan'))
      .set('Authorization', as(ALICE))
      .send({ checked: true, evidence: 'https://wiki.example.com/rollback' });
    expect(checked.status).toBe(200);
    expect(
      checked.body.items.find((i: { id: string }) => i.id === 'rollback-plan'),
    ).toMatchObject({
      passed: true,
      checkedBy: ALICE,
      checkedAt: expect.any(String),
      evidence: 'https://wiki.example.com/rollback',
    });
    const unchecked = await request(app)
      .post(item('rollback-plan'))
      .set('Authorization', as(ALICE))
      .send({ checked: false });
    expect(
      unchecked.body.items.find((i: { id: string }) => i.id === 'rollback-plan')
        .passed,
    ).toBe(false);

    await decide(app, release.id, ALICE);
    await decide(app, release.id, BOB);
    await move(app, release.id, 'approved');
    const refused = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'in_progress' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('lacks pagerduty');
    const overridden = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'in_progress', override: { reason: 'Outage' } });
    expect(overridden.status).toBe(409);
    expect(overridden.body.error.message).toContain('only emergency');
  });

  it("lists the verdicts of several releases, leaving out unknown ones and others' drafts", async () => {
    const { app } = await createApp({
      config: {
        readiness: { templates: { normal: [] }, requiredAnnotations: [] },
      },
    });
    const ready = await createRelease(app, {
      entityRefs: ['component:checkout'],
      rollbackPlan: 'Redeploy',
    });
    await decide(app, ready.id, ALICE);
    const notReady = await createRelease(app, { description: '' });
    const draft = await createRelease(app, {}, 'draft');
    const verdicts = (user: string, ids: string[]) =>
      request(app)
        .get('/readiness')
        .query(ids.map(id => `releaseId=${id}`).join('&'))
        .set('Authorization', as(user));

    const mine = await verdicts(ALICE, [
      notReady.id,
      ready.id,
      'nope',
      draft.id,
      ready.id,
    ]);
    expect(mine.status).toBe(200);
    expect(
      mine.body.items.map((v: { releaseId: string }) => v.releaseId),
    ).toEqual([notReady.id, ready.id, draft.id]);
    expect(mine.body.items[1]).toEqual({
      releaseId: ready.id,
      verdict: 'ready',
      blocking: [],
    });
    expect(mine.body.items[0]).toMatchObject({
      verdict: 'not-ready',
      blocking: expect.arrayContaining([
        'Release notes present: The release has no description',
        'Rollback plan present: The release has no rollback plan',
      ]),
    });
    // the same verdict as the release's own readiness
    const single = await request(app)
      .get(`/releases/${notReady.id}/readiness`)
      .set('Authorization', as(ALICE));
    expect(mine.body.items[0].blocking).toEqual(single.body.blocking);

    // Bob is not an owner: Dave's draft is not his to see
    const bobs = await verdicts(BOB, [draft.id, ready.id]);
    expect(
      bobs.body.items.map((v: { releaseId: string }) => v.releaseId),
    ).toEqual([ready.id]);

    expect((await verdicts(ALICE, [])).status).toBe(400);
    const tooMany = await verdicts(
      ALICE,
      Array.from({ length: 51 }, (_, i) => `id-${i}`),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('releaseId');
    expect(
      (
        await requestWithoutCredentials(
          app,
          'get',
          `/readiness?releaseId=${ready.id}`,
        )
      ).status,
    ).toBe(401);
  });

  it('checks "risk assessed": critical risk blocks the start until an owner reviewed it', async () => {
    const risk = {
      current: {
        level: 'critical',
        computedLevel: 'critical',
        probability: 5,
        impact: 4,
        factors: [],
        rules: [],
      } as RiskAssessment,
    };
    const { app } = await createApp({
      risk,
      config: {
        readiness: {
          templates: { normal: [] },
          requiredAnnotations: [],
        },
      },
    });
    const release = await createRelease(app, {
      entityRefs: ['component:checkout'],
      rollbackPlan: 'Redeploy 3.9',
      changes: [{ kind: 'breaking', title: 'Drops v1' }],
    });
    await decide(app, release.id, ALICE);
    await move(app, release.id, 'approved');
    const readinessOf = async () =>
      (
        await request(app)
          .get(`/releases/${release.id}/readiness`)
          .set('Authorization', as(BOB))
      ).body;
    const before = await readinessOf();
    expect(before.verdict).toBe('not-ready');
    expect(
      before.items.find((i: { id: string }) => i.id === 'risk-assessed'),
    ).toMatchObject({
      kind: 'automatic',
      passed: false,
      facts: [
        'Risk critical (computed critical: probability 5 × impact 4)',
        "Risk critical needs an owner's review: set a risk override with a reason",
      ],
    });
    const refused = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'in_progress' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('Risk assessed');

    risk.current = {
      ...risk.current,
      level: 'high',
      override: {
        level: 'high',
        reason: 'Feature-flagged',
        by: ALICE,
        at: '2026-11-26T10:00:00.000Z',
      },
    };
    expect(await readinessOf()).toMatchObject({
      verdict: 'ready',
      blocking: [],
    });
    expect((await move(app, release.id, 'in_progress')).state).toBe(
      'in_progress',
    );
  });

  it('passes "rollback plan present" while the release has a non-blank rollback plan', async () => {
    const { app } = await createApp();
    const release = await createRelease(app, { rollbackPlan: '  Redeploy  ' });
    expect(release.rollbackPlan).toBe('Redeploy');
    const item = async () =>
      (
        await request(app)
          .get(`/releases/${release.id}/readiness`)
          .set('Authorization', as(ALICE))
      ).body.items.find(
        (i: { id: string }) => i.id === 'rollback-plan-present',
      );
    expect(await item()).toMatchObject({ passed: true, facts: [] });

    const cleared = await request(app)
      .patch(`/releases/${release.id}`)
      .set('Authorization', as(DAVE))
      .send({ revision: release.revision, rollbackPlan: ' ' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('rollbackPlan');
    expect(await item()).toMatchObject({ passed: false });
    const tooLong = await request(app)
      .patch(`/releases/${release.id}`)
      .set('Authorization', as(DAVE))
      .send({
        revision: cleared.body.revision,
        rollbackPlan: 'x'.repeat(20_001),
      });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('rollbackPlan');
  });

  it('passes when everything is in place, and lets emergencies override with an audit', async () => {
    const { app, auditor } = await createApp({
      config: {
        readiness: {
          templates: { normal: [{ id: 'smoke', label: 'Smoke tests green' }] },
          requiredAnnotations: ['pagerduty.com/service-id'],
        },
      },
    });
    const release = await createRelease(app, {
      entityRefs: ['component:checkout'],
      rollbackPlan: 'Redeploy 3.9',
    });
    await decide(app, release.id, ALICE);
    await move(app, release.id, 'approved');
    await request(app)
      .post(`/releases/${release.id}/readiness/items/smoke`)
      .set('Authorization', as(CAROL))
      .send({ checked: true });
    const ready = await request(app)
      .get(`/releases/${release.id}/readiness`)
      .set('Authorization', as(BOB));
    expect(ready.body).toMatchObject({ verdict: 'ready', blocking: [] });
    expect(ready.body.items.map((i: { id: string }) => i.id)).toEqual([
      'approvals',
      'no-blocking-conflict',
      'predecessors-released',
      'on-call-monitoring',
      'release-notes-present',
      'rollback-plan-present',
      'smoke',
    ]);
    expect((await move(app, release.id, 'in_progress')).state).toBe(
      'in_progress',
    );

    const emergency = await createRelease(app, { type: 'emergency' });
    await decide(app, emergency.id, RITA);
    await move(app, emergency.id, 'approved');
    const started = await move(app, emergency.id, 'in_progress', {
      override: { reason: 'Payments are down' },
    });
    expect(started.state).toBe('in_progress');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'release-readiness-override',
        severityLevel: 'high',
        meta: expect.objectContaining({
          releaseId: emergency.id,
          reason: 'Payments are down',
        }),
      }),
    );
    const events = await request(app)
      .get(`/releases/${emergency.id}/events`)
      .set('Authorization', as(DAVE));
    expect(events.body.items.at(-1).reason).toBe('Override: Payments are down');
  });
});
