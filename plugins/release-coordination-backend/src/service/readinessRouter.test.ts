import { Conflict } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  ALICE,
  as,
  BOB,
  createApp,
  createRelease,
  DAVE,
  decide,
  move,
} from './__testUtils__/approvalRoutesApp';
import { requestWithoutCredentials } from './__testUtils__/routerTestKit';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(60_000);

/** A blocking conflict of another release over checkout. */
const BLOCKING_CONFLICT: Conflict = {
  id: 'c1',
  kind: 'same-entity',
  severity: 'blocking',
  releaseIds: ['x'],
  entityRefs: ['component:default/checkout'],
  message: 'Overlaps "Other"',
  suggestion: 'Move it',
};

/**
 * An app with {@link BLOCKING_CONFLICT} and a release (no description) that
 * must follow "First", which is still planned: not ready.
 */
async function notReadyRelease() {
  const { app } = await createApp({
    conflicts: [BLOCKING_CONFLICT],
  });
  const first = await createRelease(app, { title: 'First' });
  const release = await createRelease(app, {
    after: [first.id],
    description: '',
  });
  return { app, first, release };
}

describe('readiness routes', () => {
  it('computes the items and the not-ready verdict, naming what blocks by title', async () => {
    const { app, first, release } = await notReadyRelease();
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
        facts: ['"First" is planned'],
      },
      'on-call-monitoring': {
        passed: false,
        facts: [
          'search lacks pagerduty.com/service-id, backstage.io/techdocs-ref',
        ],
      },
      'release-notes-present': {
        kind: 'automatic',
        passed: false,
        facts: [
          'No change inventory and no edited notes: the notes would only repeat the description',
        ],
      },
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
      'Releases it must follow are released: "First" is planned',
    );
    expect(res.body.blocking.join()).not.toContain(first.id);
  });

  it('records manual checks by owners, refusing unknown items, others and evidence that is no http(s) URL', async () => {
    const { app, release } = await notReadyRelease();
    const item = (id: string) =>
      `/releases/${release.id}/readiness/items/${id}`;
    const unknownItem = await request(app)
      .post(item('nope'))
      .set('Authorization', as(ALICE))
      .send({ checked: true });
    expect(unknownItem.status).toBe(404);
    expect(unknownItem.body.error.message).toMatch(
      /has no manual readiness item "nope"$/,
    );
    expectPlainWords(unknownItem.body.error.message, release);
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
  });

  it('gates in_progress on readiness, naming what is open, and lets only emergencies override it', async () => {
    const { app, first, release } = await notReadyRelease();
    await decide(app, release.id, ALICE);
    await decide(app, release.id, BOB);
    await move(app, release.id, 'approved');
    const refused = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(DAVE))
      .send({ to: 'in_progress' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('lacks pagerduty');
    expect(refused.body.error.message).toMatch(
      /^Release "Checkout 4\.0" is not ready: /,
    );
    expectPlainWords(refused.body.error.message, release);
    expect(refused.body.error.message).not.toContain(first.id);
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
      changes: [{ kind: 'feature', title: 'Faster checkout' }],
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
        'Release notes present: No change inventory and no edited notes: the notes would only repeat the description',
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
});
