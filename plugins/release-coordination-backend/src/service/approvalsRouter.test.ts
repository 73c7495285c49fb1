import { entityName } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  ALICE,
  approvalsOf,
  as,
  BOB,
  CAROL,
  createApp,
  createRelease,
  DAVE,
  decide,
  MALLORY,
  MANAGERS,
  move,
  RITA,
  STANDARD,
  TEAM_A,
  TEAM_B,
} from './__testUtils__/approvalRoutesApp';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(60_000);

/** Recipients, title and scope of each notification of the first test, in order. */
const notificationsOfOneRound = (releaseId: string) => [
  [
    {
      type: 'entity',
      entityRef: [TEAM_A, TEAM_B],
      excludeEntityRef: [DAVE],
    },
    'Your approval is requested: Checkout 4.0 4.0.0',
    `release-coordination:${releaseId}:approval-requested:1`,
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
    `release-coordination:${releaseId}:state:planned`,
  ],
  [
    { type: 'entity', entityRef: [TEAM_A], excludeEntityRef: [ALICE] },
    `Checkout 4.0 4.0.0 was approved by ${entityName(TEAM_A)}`,
    `release-coordination:${releaseId}:decision:1:${TEAM_A}`,
  ],
  [
    { type: 'entity', entityRef: [TEAM_A], excludeEntityRef: [BOB] },
    `Checkout 4.0 4.0.0 was rejected by ${entityName(TEAM_B)}`,
    `release-coordination:${releaseId}:decision:1:${TEAM_B}`,
  ],
  [
    { type: 'entity', entityRef: [TEAM_A], excludeEntityRef: [BOB] },
    `Checkout 4.0 4.0.0 was approved by ${entityName(TEAM_B)}`,
    `release-coordination:${releaseId}:decision:1:${TEAM_B}`,
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
    `release-coordination:${releaseId}:state:approved`,
  ],
];

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
    expect(early.body.error.message).toContain(
      `approval of ${entityName(TEAM_A)} missing`,
    );
    expect(early.body.error.message).toContain(
      `approval of ${entityName(TEAM_B)} missing`,
    );
    expect(early.body.error.message).toMatch(/cannot be approved: /);
    expectPlainWords(early.body.error.message, release);

    const outsider = await decide(app, release.id, MALLORY);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toMatch(/may decide on release "/);
    expectPlainWords(outsider.body.error.message, release);
    const self = await decide(app, release.id, DAVE);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('self-approval');
    expectPlainWords(self.body.error.message, release);

    // two members of team-a race: one decision counts, the other is refused
    const racing = await Promise.all([
      decide(app, release.id, ALICE),
      decide(app, release.id, CAROL),
    ]);
    expect(racing.map(r => r.status).sort()).toEqual([201, 409]);
    const again = await decide(app, release.id, CAROL);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already decided on release "/);
    expectPlainWords(again.body.error.message, release);

    const rejected = await decide(app, release.id, BOB, 'reject');
    expect(rejected.status).toBe(201);
    expect(rejected.body).toMatchObject({ rejected: true, complete: false });
    const blocked = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'approved' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain(
      `rejected by ${entityName(TEAM_B)}`,
    );
    expectPlainWords(blocked.body.error.message, release);

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
    const withdrawnTwice = await request(app)
      .delete(path)
      .set('Authorization', as(BOB));
    expect(withdrawnTwice.status).toBe(404);
    expect(withdrawnTwice.body.error.message).toMatch(
      /has no decision on release ".*" in round 1$/,
    );
    expectPlainWords(withdrawnTwice.body.error.message, release);

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
    expect(sent).toEqual(notificationsOfOneRound(release.id));
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
    const needsNone = await decide(app, standard.id, ALICE);
    expect(needsNone.status).toBe(403);
    expect(needsNone.body.error.message).toMatch(/needs no approvals$/);
    expectPlainWords(needsNone.body.error.message, standard);
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
});
