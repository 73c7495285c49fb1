import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  entityName,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  ALICE,
  approvalsOf,
  as,
  BOB,
  createApp,
  createRelease,
  DAVE,
  decide,
  MANAGERS,
  move,
  RITA,
  STANDARD,
  TEAM_A,
  TEAM_B,
  TEAM_C,
} from './__testUtils__/approvalRoutesApp';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(60_000);

describe('approvals routes', () => {
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
    // the decision it went ahead on stays
    const withdrawn = await request(app)
      .delete(
        `/releases/${emergency.id}/approvals/${encodeURIComponent(MANAGERS)}`,
      )
      .set('Authorization', as(RITA));
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.error.message).toMatch(
      /is in_progress: the decision of .* can no longer be withdrawn$/,
    );
    expectPlainWords(withdrawn.body.error.message, emergency);
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
        `${entityName(MANAGERS)}: approved`,
        `${entityName(TEAM_A)}: overdue`,
        `${entityName(TEAM_B)}: overdue`,
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
    expect(blocked.body.error.message).toContain(
      `approval of ${entityName(TEAM_B)}`,
    );

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
