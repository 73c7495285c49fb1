import request from 'supertest';
import {
  as,
  createApp,
  decide,
  MANAGER,
  OWNER,
  setStep,
} from './__testUtils__/rollbackRoutesApp';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(60_000);

/** What the rollback routes refuse, and how the refusals word it. */
describe('rollback routes: refusals', () => {
  it('names the release by its title when the emergency fast path is refused', async () => {
    const { app, seed } = await createApp();
    const release = await seed({ type: 'normal' });
    const res = await decide(app, release, OWNER, { emergency: true });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /^emergency: the emergency fast path is for .*; release ".*" is normal$/,
    );
    expectPlainWords(res.body.error.message, release);
  });

  it('refuses with 409 and its reason what the lifecycle does not allow', async () => {
    const { app, seed } = await createApp();
    const planned = await seed({ state: 'planned' });
    const notReleased = (await decide(app, planned, OWNER)).body.error.message;
    expect(notReleased).toMatch(/is planned: only a released release/);
    expectPlainWords(notReleased, planned);
    const noHotfix = await request(app)
      .post(`/releases/${planned.id}/hotfix`)
      .set('Authorization', as(OWNER))
      .send({});
    expect(noHotfix.status).toBe(409);
    expect(noHotfix.body.error.message).toMatch(/a follow-up hotfix is for/);
    expectPlainWords(noHotfix.body.error.message, planned);
    const noRollback = await setStep(app, planned.id, 0, OWNER, {
      revision: 1,
      status: 'done',
    });
    expect(noRollback.status).toBe(404);
    expect(noRollback.body.error.message).toMatch(/has no rollback$/);
    expectPlainWords(noRollback.body.error.message, planned);

    const release = await seed();
    const direct = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(OWNER))
      .send({ to: 'rolling_back' });
    expect(direct.status).toBe(409);
    expect(direct.body.error.message).toMatch(
      /rolled back by a rollback decision/,
    );
    // Plain words: the release's title, no id or endpoint path.
    expect(direct.body.error.message).not.toContain(release.id);
    expect(direct.body.error.message).not.toMatch(/POST|\/releases/);
    const oneStep = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(OWNER))
      .send({ to: 'rolled_back', reason: 'quick' });
    expect(oneStep.status).toBe(409);
    expect(oneStep.body.error.message).toMatch(/rollback plan of 2 step/);
    expect(oneStep.body.error.message).not.toContain(release.id);

    const stale = await decide(app, { ...release, revision: 7 }, OWNER);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/is at revision 1, not 7/);
    expectPlainWords(stale.body.error.message, release);
    expect((await decide(app, release, OWNER)).status).toBe(200);
    const again = await decide(app, release, MANAGER);
    expect(again.status).toBe(409);
    expectPlainWords(again.body.error.message, release);
    const early = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(OWNER))
      .send({ to: 'rolled_back' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(
      /open: 1\. Switch .* \(pending\); 2\. Redeploy 1\.9\.0 \(pending\)/,
    );
    const staleStep = await setStep(app, release.id, 0, OWNER, {
      revision: 9,
      status: 'done',
    });
    expect(staleStep.status).toBe(409);
    expect(staleStep.body.error.message).toMatch(/^The rollback of release /);
    expectPlainWords(staleStep.body.error.message, release);

    const unplanned = await seed({ rollbackPlan: undefined });
    const legacy = await request(app)
      .post(`/releases/${unplanned.id}/transition`)
      .set('Authorization', as(OWNER))
      .send({ to: 'rolled_back', reason: 'quick' });
    expect(legacy.status).toBe(200);
  });

  it('answers 400 naming the field on bad input, writing nothing', async () => {
    const { app, seed, rollbackStore, store } = await createApp();
    const release = await seed();
    const cases: [object, RegExp][] = [
      [{ reason: '   ' }, /^reason: must not be blank/],
      [{ reason: undefined }, /^reason: is required/],
      [
        { scope: { entityRefs: ['component:default/checkout'] } },
        /^scope\.entityRefs: not entities of release/,
      ],
      [
        { steps: [{ title: 'x', ownerRef: 'component:default/ledger' }] },
        /^steps\.0\.ownerRef/,
      ],
      [{ emergency: 'yes' }, /^emergency:/],
      [
        { triggeredBy: { issueIds: ['not-an-issue'] } },
        /^triggeredBy\.issueIds: not an issue of release .*: not-an-issue$/,
      ],
      [
        { triggeredBy: { criterionIds: ['c-elsewhere'] } },
        /^triggeredBy\.criterionIds: not a success criterion of release/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await decide(app, release, OWNER, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    // the refusals that name the release name it by its title
    for (const body of [
      { scope: { entityRefs: ['component:default/checkout'] } },
      { triggeredBy: { issueIds: ['not-an-issue'] } },
      { triggeredBy: { criterionIds: ['c-elsewhere'] } },
    ]) {
      const res = await decide(app, release, OWNER, body);
      expectPlainWords(res.body.error.message, release);
    }
    expect(await rollbackStore.getRollback(release.id)).toBeUndefined();
    expect((await store.getRelease(release.id))?.state).toBe('released');

    await decide(app, release, OWNER);
    for (const [index, body, message] of [
      ['x', { revision: 1, status: 'done' }, /^index:/],
      ['0', { revision: 1, status: 'skipped' }, /^status:/],
      ['0', { status: 'done' }, /^revision:/],
    ] as const) {
      const res = await request(app)
        .patch(`/releases/${release.id}/rollback/steps/${index}`)
        .set('Authorization', as(OWNER))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const noStep = await setStep(app, release.id, 7, OWNER, {
      revision: 1,
      status: 'done',
    });
    expect(noStep.status).toBe(404);
    expect(noStep.body.error.message).toMatch(/has no rollback step 7/);
    expectPlainWords(noStep.body.error.message, release);
    expect((await rollbackStore.getRollback(release.id))?.revision).toBe(1);
    const hotfix = await request(app)
      .post(`/releases/${release.id}/hotfix`)
      .set('Authorization', as(OWNER))
      .send({ window: { start: 'soon' } });
    expect(hotfix.status).toBe(400);
    expect(hotfix.body.error.message).toMatch(/^window\.start:/);
  });
});
