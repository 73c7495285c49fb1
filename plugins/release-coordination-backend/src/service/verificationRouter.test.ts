import request from 'supertest';
import {
  addCriterion,
  ALICE,
  as,
  BOB,
  createVerificationApp,
  DAVE,
  ERROR_RATE,
  recordResult,
  TEAM_A,
  TEAM_B,
  verificationOf,
} from './__testUtils__/verificationRoutesApp';
import { requestWithoutCredentials } from './__testUtils__/routerTestKit';
import { expectPlainWords } from '../__testUtils__/plainWords';
import {
  entityName,
  MAX_CRITERIA,
} from '@internal/plugin-release-coordination-common';

jest.setTimeout(60_000);

/** A criterion owned by team-b, with a check. */
const CONVERSION = {
  text: 'Checkout conversion stays above 3 %',
  ownerRef: 'group:team-b',
  check: { ...ERROR_RATE, metric: 'conversion', comparator: '>=' },
};

describe('success criteria routes', () => {
  it('copies the release type template onto a new release', async () => {
    const { app } = await createVerificationApp({
      verification: {
        templates: {
          normal: [
            { text: 'No new alerts for a day' },
            {
              text: 'Error rate below 0.5 %',
              ownerRef: 'user:default/alice',
              check: ERROR_RATE,
            },
          ],
        },
      },
    });
    const created = await request(app)
      .post('/releases')
      .set('Authorization', as(DAVE))
      .send({
        title: 'Checkout 4.0',
        version: '4.0.0',
        type: 'normal',
        window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
        entityRefs: ['component:checkout'],
      });
    expect(created.status).toBe(201);
    const { criteria, editable, recordable } = await verificationOf(
      app,
      created.body.id,
    );
    expect({ editable, recordable }).toEqual({
      editable: true,
      recordable: false,
    });
    expect(
      criteria.map((c: any) => [c.text, c.ownerRef, c.check?.metric]),
    ).toEqual([
      ['No new alerts for a day', TEAM_A, undefined],
      ['Error rate below 0.5 %', ALICE, 'error_rate'],
    ]);
  });

  it('adds criteria while planning; bad input is a 400 naming the field and writes nothing', async () => {
    const { app, seed } = await createVerificationApp();
    const release = await seed('planned');
    const added = await addCriterion(app, release.id, ALICE, CONVERSION);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      releaseId: release.id,
      ownerRef: TEAM_B,
      createdBy: ALICE,
      check: { metric: 'conversion', comparator: '>=' },
    });

    const bad = [
      [{ text: '', ownerRef: TEAM_A }, /^text: /],
      [
        { text: 'x', ownerRef: 'component:checkout' },
        /^ownerRef: must be a user or group ref/,
      ],
      [
        {
          text: 'x',
          ownerRef: TEAM_A,
          check: { ...ERROR_RATE, window: 'soon' },
        },
        /^check\.window: /,
      ],
      [
        {
          text: 'x',
          ownerRef: TEAM_A,
          check: { ...ERROR_RATE, threshold: 'high' },
        },
        /^check\.threshold: /,
      ],
      [
        { text: 'x', ownerRef: 'group:nobody' },
        /^ownerRef: group:default\/nobody is not in the catalog/,
      ],
      [{ text: 'x', ownerRef: TEAM_A, extra: 1 }, /unknown field\(s\): extra/],
    ] as const;
    for (const [body, message] of bad) {
      const res = await addCriterion(app, release.id, ALICE, body);
      expect([res.status, res.body.error.message]).toEqual([
        400,
        expect.stringMatching(message),
      ]);
    }
    expect((await verificationOf(app, release.id)).criteria).toHaveLength(1);
  });

  it('edits and deletes criteria while planning; an unknown one is a 404 naming the release by its title', async () => {
    const { app, seed } = await createVerificationApp();
    const release = await seed('planned');
    const added = await addCriterion(app, release.id, ALICE, CONVERSION);
    expect(added.status).toBe(201);
    const path = `/releases/${release.id}/criteria/${added.body.id}`;
    const badEdit = await request(app)
      .patch(path)
      .set('Authorization', as(ALICE))
      .send({ text: 'Changed', check: { ...ERROR_RATE, comparator: '!=' } });
    expect(badEdit.status).toBe(400);
    expect(badEdit.body.error.message).toMatch(/^check\.comparator: /);
    const edited = await request(app)
      .patch(path)
      .set('Authorization', as(ALICE))
      .send({ text: 'Changed', check: null });
    expect(edited.status).toBe(200);
    expect(edited.body.text).toBe('Changed');
    expect(edited.body.check).toBeUndefined();
    const unknown = await request(app)
      .patch(`/releases/${release.id}/criteria/nope`)
      .set('Authorization', as(ALICE))
      .send({ text: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /has no success criterion with the id nope$/,
    );
    expectPlainWords(unknown.body.error.message, release);
    expect(
      (await request(app).delete(path).set('Authorization', as(ALICE))).status,
    ).toBe(204);
    const deletedTwice = await request(app)
      .delete(path)
      .set('Authorization', as(ALICE));
    expect(deletedTwice.status).toBe(404);
    expect(deletedTwice.body.error.message).toMatch(/has no success criterion/);
    expectPlainWords(deletedTwice.body.error.message, release);
  });

  it('refuses a criterion past the most a release may have (409), without credentials (401) and for an unknown release (404)', async () => {
    const { app, seed, services } = await createVerificationApp();
    const release = await seed('planned');
    // the most criteria a release may have: a 409 naming it by its title
    const { criteria } = await verificationOf(app, release.id);
    await services.stores.verificationStore.addCriteria(
      release.id,
      Array.from({ length: MAX_CRITERIA - criteria.length }, (_, i) => ({
        id: `filler-${i}`,
        text: `Criterion ${i}`,
        ownerRef: TEAM_A,
        createdBy: ALICE,
        createdAt: release.createdAt,
      })),
    );
    const tooMany = await addCriterion(app, release.id, ALICE, {
      text: 'One too many',
      ownerRef: TEAM_A,
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.message).toMatch(
      `already has ${MAX_CRITERIA} success criteria`,
    );
    expectPlainWords(tooMany.body.error.message, release);
    expect(
      (
        await requestWithoutCredentials(
          app,
          'post',
          `/releases/${release.id}/criteria`,
          {
            text: 'x',
            ownerRef: TEAM_A,
          },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await addCriterion(app, 'no-such-release', ALICE, {
          text: 'x',
          ownerRef: TEAM_A,
        })
      ).status,
    ).toBe(404);
  });

  it('records results by the owner only after release and gates released → verified, naming what is open', async () => {
    const { app, seed, services } = await createVerificationApp();
    const planned = await seed('planned');
    const released = await seed('released');
    const store = services.stores.verificationStore;
    for (const [id, text, ownerRef] of [
      ['errors', 'Error rate below 0.5 %', TEAM_B],
      ['tickets', 'No rise in tickets', ALICE],
    ]) {
      await store.addCriteria(released.id, [
        { id, text, ownerRef, createdBy: DAVE, createdAt: released.createdAt },
      ]);
    }
    const criterion = (
      await addCriterion(app, planned.id, DAVE, { text: 'x', ownerRef: TEAM_A })
    ).body;

    // criteria are fixed once released; results wait for the release
    expect(
      (
        await addCriterion(app, released.id, DAVE, {
          text: 'late',
          ownerRef: TEAM_A,
        })
      ).status,
    ).toBe(409);
    const early = await recordResult(app, planned.id, criterion.id, DAVE, {
      result: 'met',
    });
    expect([early.status, early.body.error.message]).toEqual([
      409,
      'Results are recorded once the release is released; it is planned',
    ]);

    const verify = () =>
      request(app)
        .post(`/releases/${released.id}/transition`)
        .set('Authorization', as(DAVE))
        .send({ to: 'verified' });
    const refused = await verify();
    expect(refused.status).toBe(409);
    expectPlainWords(refused.body.error.message, released);
    expect(refused.body.error.message).toBe(
      `Release "${released.title}" cannot be verified: success criteria not met or waived: ` +
        `"Error rate below 0.5 %" (open, owner ${entityName(
          TEAM_B,
        )}); "No rise in tickets" (open, owner ${entityName(ALICE)})`,
    );

    const waiverless = await recordResult(app, released.id, 'errors', BOB, {
      result: 'waived',
    });
    expect([waiverless.status, waiverless.body.error.message]).toEqual([
      400,
      'waiverReason: a waiver needs a reason',
    ]);
    expect(
      (await recordResult(app, released.id, 'errors', ALICE, { result: 'met' }))
        .status,
    ).toBe(403);
    const noCriterion = await recordResult(app, released.id, 'nope', BOB, {
      result: 'met',
    });
    expect(noCriterion.status).toBe(404);
    expectPlainWords(noCriterion.body.error.message, released);
    expect(
      (await verificationOf(app, released.id)).criteria.map(
        (c: any) => c.outcome,
      ),
    ).toEqual([undefined, undefined]);

    const notMet = await recordResult(app, released.id, 'errors', BOB, {
      result: 'not_met',
      observedValue: '0.9 %',
      evidence: 'https://grafana.example.com/d/errors',
    });
    expect(notMet.status).toBe(200);
    expect(notMet.body.outcome).toEqual({
      result: 'not_met',
      observedValue: '0.9 %',
      evidence: 'https://grafana.example.com/d/errors',
      recordedBy: BOB,
      recordedAt: expect.any(String),
    });
    expect((await verify()).body.error.message).toContain(
      `"Error rate below 0.5 %" (not met, owner ${entityName(TEAM_B)})`,
    );
    await recordResult(app, released.id, 'errors', BOB, {
      result: 'waived',
      waiverReason: 'Spike from a partner outage',
    });
    await recordResult(app, released.id, 'tickets', ALICE, { result: 'met' });
    expect(await verificationOf(app, released.id)).toMatchObject({
      editable: false,
      recordable: true,
      verifiable: true,
      blocking: [],
    });
    const verified = await verify();
    expect([verified.status, verified.body.state]).toEqual([200, 'verified']);
  });
});

describe('verification status in readiness', () => {
  it('gives the criteria settled out of all for a released release, the same in the verdicts and the readiness', async () => {
    const { app, seed, services } = await createVerificationApp();
    const released = await seed('released');
    const planned = await seed('planned');
    for (const release of [released, planned]) {
      await services.stores.verificationStore.addCriteria(
        release.id,
        ['errors', 'tickets'].map(id => ({
          id: `${release.id}-${id}`,
          text: id,
          ownerRef: TEAM_A,
          createdBy: DAVE,
          createdAt: release.createdAt,
        })),
      );
    }
    const met = await recordResult(
      app,
      released.id,
      `${released.id}-errors`,
      DAVE,
      { result: 'met' },
    );
    expect(met.status).toBe(200);

    const verdicts = await request(app)
      .get(`/readiness?releaseId=${released.id}&releaseId=${planned.id}`)
      .set('Authorization', as(DAVE));
    expect(verdicts.status).toBe(200);
    const criteriaOf = Object.fromEntries(
      verdicts.body.items.map((v: any) => [v.releaseId, v.criteria]),
    );
    // criteria of a release not yet released are not a status to show
    expect(criteriaOf).toEqual({
      [released.id]: { total: 2, settled: 1 },
      [planned.id]: undefined,
    });
    const readiness = await request(app)
      .get(`/releases/${released.id}/readiness`)
      .set('Authorization', as(DAVE));
    expect(readiness.body.criteria).toEqual(criteriaOf[released.id]);
  });
});
