import { RiskAssessment } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  ALICE,
  as,
  BOB,
  CAROL,
  createApp,
  createRelease,
  DAVE,
  decide,
  move,
  RITA,
} from './__testUtils__/approvalRoutesApp';

jest.setTimeout(60_000);

describe('readiness routes', () => {
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
      changes: [{ kind: 'fix', title: 'Rounding of totals' }],
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
      'rollback-plan-present',
      'smoke',
      'release-notes-present',
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
