import request from 'supertest';
import {
  as,
  createApp,
  decide,
  LONER,
  MANAGER,
  OTHER,
  OWNER,
  sentByScope,
  setStep,
  STEP_OWNER,
} from './__testUtils__/rollbackRoutesApp';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(60_000);

const gate = (app: Express.Application, entityRef: string) =>
  request(app as any)
    .get(`/gate?entityRef=${entityRef}`)
    .set('Authorization', as(OWNER));

describe('rollback routes', () => {
  it('decides a rollback, runs its planned steps to rolled_back, notifying everyone the impact report lists', async () => {
    const { app, seed, send, auditor } = await createApp();
    const release = await seed();

    // (the issues and criteria behind a decision: their own test below)
    const decided = await decide(app, release, OWNER);
    expect(decided.status).toBe(200);
    expect(decided.body.rollback).toMatchObject({
      decision: {
        reason: 'p99 latency doubled',
        triggeredBy: { criterionIds: [], issueIds: [] },
        scope: 'release',
        emergency: false,
        decidedBy: OWNER,
      },
      steps: [
        {
          index: 0,
          title: 'Switch the flag `payments.v2` off',
          ownerRef: 'group:default/team-pay',
          status: 'pending',
        },
        {
          index: 1,
          title: 'Redeploy 1.9.0',
          ownerRef: 'group:default/team-pay',
          status: 'pending',
        },
      ],
      entityRefs: [
        'component:default/ledger',
        'component:default/payments-service',
      ],
      failed: false,
      revision: 1,
    });
    const rolling = await request(app)
      .get(`/releases/${release.id}`)
      .set('Authorization', as(OWNER));
    expect(rolling.body.state).toBe('rolling_back');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'release-rollback-decision' }),
    );
    const everyone = [
      'group:default/customers',
      'group:default/team-other',
      'group:default/team-pay',
    ];
    expect(
      sentByScope(send)[`release-coordination:${release.id}:rollback-decided`],
    ).toEqual(everyone);

    const prevented = await gate(app, 'component:default/ledger');
    expect(prevented.body.status).toBe('prevented');
    expect(prevented.body.reasons).toContain(
      `A rollback of release "${release.title}" (1.0.0) of component:default/ledger is in progress; deploy again once it is rolled back.`,
    );
    expect(prevented.body.blockedBy).toContainEqual({
      kind: 'release',
      id: release.id,
      title: release.title,
      url: expect.stringMatching(
        new RegExp(`/release-coordination/releases/${release.id}$`),
      ),
    });

    expect(
      (
        await setStep(app, release.id, 0, OWNER, {
          revision: 1,
          status: 'done',
        })
      ).status,
    ).toBe(200);
    const last = await setStep(app, release.id, 1, OWNER, {
      revision: 2,
      status: 'done',
      note: 'v1.9.0 live',
    });
    expect(last.status).toBe(200);
    expect(last.body.rollback.completedAt).toEqual(expect.any(String));
    expect(last.body.rollback.steps[1]).toMatchObject({
      status: 'done',
      note: 'v1.9.0 live',
      updatedBy: OWNER,
    });
    const done = await request(app)
      .get(`/releases/${release.id}`)
      .set('Authorization', as(OWNER));
    expect(done.body.state).toBe('rolled_back');
    expect(
      sentByScope(send)[
        `release-coordination:${release.id}:rollback-completed`
      ],
    ).toEqual(everyone);
    const events = await request(app)
      .get(`/releases/${release.id}/events`)
      .set('Authorization', as(OWNER));
    expect(events.body.items.map((e: any) => e.changes[0]?.after)).toEqual([
      'rolling_back',
      'rolled_back',
    ]);

    const after = await setStep(app, release.id, 1, OWNER, {
      revision: 4,
      status: 'failed',
    });
    expect(after.status).toBe(409);
    expect(after.body.error.message).toMatch(/was completed/);
    expectPlainWords(after.body.error.message, release);
    expect(
      (await gate(app, 'component:default/ledger')).body.reasons.join(),
    ).not.toMatch(/rollback/);
  });

  it('rolls a release without plan steps straight on to rolled_back, and scopes a rollback to some entities', async () => {
    const { app, seed } = await createApp();
    const plain = await seed({ rollbackPlan: undefined });
    const res = await decide(app, plain, OWNER);
    expect(res.status).toBe(200);
    expect(res.body.rollback.steps).toEqual([]);
    expect(res.body.rollback.completedAt).toEqual(expect.any(String));
    const got = await request(app)
      .get(`/releases/${plain.id}`)
      .set('Authorization', as(OWNER));
    expect(got.body.state).toBe('rolled_back');

    const scoped = await seed();
    const partial = await decide(app, scoped, OWNER, {
      scope: { entityRefs: ['Component:ledger'] },
    });
    expect(partial.body.rollback.entityRefs).toEqual([
      'component:default/ledger',
    ]);
    expect(
      (
        await gate(app, 'component:default/payments-service')
      ).body.reasons.join(),
    ).not.toMatch(/rollback/);
  });

  describe('who may decide (permission table)', () => {
    it.each`
      who                           | user       | deciders              | type           | emergency | status
      ${'owner member'}             | ${OWNER}   | ${'owners'}           | ${'normal'}    | ${false}  | ${200}
      ${'release manager'}          | ${MANAGER} | ${'owners'}           | ${'normal'}    | ${false}  | ${200}
      ${'member of another team'}   | ${OTHER}   | ${'owners'}           | ${'normal'}    | ${false}  | ${403}
      ${'user in no group'}         | ${LONER}   | ${'owners'}           | ${'normal'}    | ${false}  | ${403}
      ${'owner, managers decide'}   | ${OWNER}   | ${'release-managers'} | ${'normal'}    | ${false}  | ${403}
      ${'owner, fast path, normal'} | ${OWNER}   | ${'release-managers'} | ${'normal'}    | ${true}   | ${403}
      ${'owner, fast path, emerg.'} | ${OWNER}   | ${'release-managers'} | ${'emergency'} | ${true}   | ${200}
      ${'owner, fast path, hotfix'} | ${OWNER}   | ${'owners'}           | ${'hotfix'}    | ${true}   | ${200}
      ${'manager, fast path'}       | ${MANAGER} | ${'release-managers'} | ${'normal'}    | ${true}   | ${200}
      ${'other team, fast path'}    | ${OTHER}   | ${'owners'}           | ${'emergency'} | ${true}   | ${403}
    `('$who → $status', async ({ user, deciders, type, emergency, status }) => {
      const { app, seed, auditor, rollbackStore } = await createApp({
        config: { rollback: { deciders } },
      });
      const release = await seed({ type });
      const res = await decide(app, release, user, { emergency });
      expect(res.status).toBe(status);
      const stored = await rollbackStore.getRollback(release.id);
      expect(stored?.decision.emergency).toBe(
        status === 200 ? emergency : undefined,
      );
      expect(
        (auditor.createEvent as jest.Mock).mock.calls.some(
          ([e]) => e.eventId === 'release-rollback-emergency',
        ),
      ).toBe(status === 200 && emergency);
    });
  });

  it('records the issues of the release that triggered the rollback', async () => {
    const { app, seed, rollbackStore } = await createApp();
    const release = await seed();
    const other = await seed({ title: 'Another release' });
    const recordIssue = async (id: string) => {
      const res = await request(app)
        .post(`/releases/${id}/issues`)
        .set('Authorization', as(OWNER))
        .send({ title: 'Double charges', severity: 'sev1' });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const own = await recordIssue(release.id);
    const foreign = await recordIssue(other.id);
    const refused = await decide(app, release, OWNER, {
      triggeredBy: { issueIds: [own, foreign] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(foreign);
    expect(refused.body.error.message).not.toContain(own);

    const res = await decide(app, release, OWNER, {
      triggeredBy: { issueIds: [own] },
    });
    expect(res.status).toBe(200);
    expect(
      (await rollbackStore.getRollback(release.id))?.decision.triggeredBy,
    ).toEqual({ criterionIds: [], issueIds: [own] });
  });

  it('lets the step owner, owners and managers update steps, and tells the release managers of a failure once', async () => {
    const { app, seed, send } = await createApp();
    const release = await seed();
    await decide(app, release, OWNER, {
      steps: [
        { title: 'Restore the ledger snapshot', ownerRef: STEP_OWNER },
        { title: 'Redeploy' },
      ],
    });
    expect(
      (
        await setStep(app, release.id, 0, OTHER, {
          revision: 1,
          status: 'running',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await setStep(app, release.id, 1, STEP_OWNER, {
          revision: 1,
          status: 'running',
        })
      ).status,
    ).toBe(403);
    const failed = await setStep(app, release.id, 0, STEP_OWNER, {
      revision: 1,
      status: 'failed',
      note: 'snapshot corrupt',
    });
    expect(failed.status).toBe(200);
    expect(failed.body.rollback.failed).toBe(true);
    expect(
      (
        await setStep(app, release.id, 0, MANAGER, {
          revision: 2,
          status: 'running',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await setStep(app, release.id, 0, STEP_OWNER, {
          revision: 3,
          status: 'failed',
        })
      ).status,
    ).toBe(200);
    const notices = send.mock.calls.filter(([n]: any[]) =>
      n.payload.scope.includes('rollback-step-failed'),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0][0].recipients.entityRef).toEqual([
      'group:default/release-managers',
    ]);
    expect(notices[0][0].payload.severity).toBe('critical');
    const got = await request(app)
      .get(`/releases/${release.id}`)
      .set('Authorization', as(OWNER));
    expect(got.body.state).toBe('rolling_back');
  });

  it('creates a follow-up hotfix prefilled from the rolled-back release, linked both ways', async () => {
    const { app, seed } = await createApp();
    const release = await seed({ title: 'Payments 2.0' });
    const early = await request(app)
      .post(`/releases/${release.id}/hotfix`)
      .set('Authorization', as(OWNER))
      .send({});
    expect(early.status).toBe(409);
    await decide(app, release, OWNER, {
      scope: { entityRefs: ['component:default/payments-service'] },
    });
    expect(
      (
        await request(app)
          .post(`/releases/${release.id}/hotfix`)
          .set('Authorization', as(OTHER))
          .send({})
      ).status,
    ).toBe(403);

    const created = await request(app)
      .post(`/releases/${release.id}/hotfix`)
      .set('Authorization', as(OWNER))
      .send({});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Hotfix for Payments 2.0',
      version: '1.0.0-hotfix',
      type: 'hotfix',
      state: 'draft',
      ownerRef: 'group:default/team-pay',
      entityRefs: ['component:default/payments-service'],
      window: {
        start: '2026-11-26T13:00:00.000Z',
        end: '2026-11-26T15:00:00.000Z',
      },
    });
    expect(created.body.description).toContain(
      `/release-coordination/releases/${release.id}`,
    );
    const link = {
      title: 'Payments 2.0',
      version: '1.0.0',
      state: 'rolling_back',
      id: release.id,
    };
    const ofHotfix = await request(app)
      .get(`/releases/${created.body.id}/rollback`)
      .set('Authorization', as(OWNER));
    expect(ofHotfix.body).toEqual({ hotfixOf: link, hotfixes: [] });
    const ofRelease = await request(app)
      .get(`/releases/${release.id}/rollback`)
      .set('Authorization', as(OWNER));
    expect(ofRelease.body.hotfixes).toEqual([
      {
        id: created.body.id,
        title: 'Hotfix for Payments 2.0',
        version: '1.0.0-hotfix',
        state: 'draft',
      },
    ]);
    // the hotfix is a draft of team-pay: others do not see the link
    const other = await request(app)
      .get(`/releases/${release.id}/rollback`)
      .set('Authorization', as(OTHER));
    expect(other.body.hotfixes).toEqual([]);

    // the timeline's batch gives the same links, leaving out what is unseen
    const unlinked = await seed({ title: 'Unlinked' });
    const batch = (user: string) =>
      request(app)
        .get('/hotfix-links')
        .query(
          [release.id, created.body.id, unlinked.id, 'nope']
            .map(id => `releaseId=${id}`)
            .join('&'),
        )
        .set('Authorization', as(user));
    expect((await batch(OWNER)).body.items).toEqual([
      { releaseId: release.id, hotfixes: ofRelease.body.hotfixes },
      { releaseId: created.body.id, hotfixOf: link, hotfixes: [] },
    ]);
    expect((await batch(OTHER)).body.items).toEqual([]);
    const tooMany = await request(app)
      .get('/hotfix-links')
      .query(Array.from({ length: 51 }, (_, i) => `releaseId=r${i}`).join('&'))
      .set('Authorization', as(OWNER));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/^releaseId:/);
  });
});
