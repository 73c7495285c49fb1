import fc from 'fast-check';
import {
  PORTAL_TEST_ENTITIES,
  Role,
  windowIn,
} from '../__testUtils__/portalTestBackend';
import {
  CHECKOUT,
  PAYMENTS,
  freezePayments,
  gateOf,
  portal,
  standardPaymentsRelease,
  startPortalTestBackend,
} from './__testUtils__/authorityFixtures';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(180_000);

describe('ownership is the authority', () => {
  it('another team cannot open a deploy gate during a freeze (defect 1)', async () => {
    const backend = await startPortalTestBackend();
    await freezePayments(backend);
    const alice = backend.as('owner');

    // Alice (checkout-team) plans a standard change of payments-service for her own team
    const created = await alice.post('/releases').send({
      ...standardPaymentsRelease,
      ownerRef: 'group:default/checkout-team',
      window: windowIn(-0.5, 3),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    // she may not override payments' freeze
    const override = await alice
      .post(`/releases/${id}/freeze-override`)
      .send({ reason: 'we need it' });
    expect(override.status).toBe(403);
    expect(override.body.error.message).toMatch(/payments-team/);

    // a standard change in a freeze is no low-risk change
    const standard = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'planned' });
    expect(standard.status).toBe(409);
    expect(standard.body.error.message).toMatch(/computed risk is high/);
    expectPlainWords(standard.body.error.message, created.body);

    // as a normal release, payments-team must approve
    const normal = await alice
      .patch(`/releases/${id}`)
      .send({ revision: created.body.revision, type: 'normal' });
    expect(normal.status).toBe(200);
    expect(normal.body.standardChangeId).toBeUndefined();
    expect(
      (await alice.post(`/releases/${id}/transition`).send({ to: 'planned' }))
        .status,
    ).toBe(200);
    const approvals = await alice.get(`/releases/${id}/approvals`);
    expect(approvals.body.pending).toEqual(['group:default/payments-team']);
    const approve = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'approved' });
    expect(approve.status).toBe(409);
    expect(approve.body.error.message).toMatch(
      /approval of payments-team missing/,
    );
    expect(await gateOf(backend, PAYMENTS)).toMatchObject({ allowed: false });

    // once payments-team approved, the release counts; the freeze still holds
    // until someone who may override it does
    const bob = backend.as('otherTeam');
    expect(
      (
        await bob
          .post(`/releases/${id}/approvals`)
          .send({ decision: 'approve', comment: 'fine by us' })
      ).status,
    ).toBe(201);
    expect(
      (await alice.post(`/releases/${id}/transition`).send({ to: 'approved' }))
        .status,
    ).toBe(200);
    const frozen = await gateOf(backend, PAYMENTS);
    expect(frozen.allowed).toBe(false);
    expect(frozen.reasons.join(' ')).toMatch(/Payments freeze/);
    expect(
      (
        await backend
          .as('releaseManager')
          .post(`/releases/${id}/freeze-override`)
          .send({ reason: 'Incident fix agreed with payments' })
      ).status,
    ).toBe(200);
    expect(await gateOf(backend, PAYMENTS)).toMatchObject({ allowed: true });
  });

  it('no sequence of another team’s requests changes what the gate says (property)', async () => {
    const backend = await startPortalTestBackend();
    await freezePayments(backend);
    const before = await gateOf(backend, PAYMENTS);
    expect(before.allowed).toBe(false);
    const ids: string[] = [];
    const attacker = (role: Role) => backend.as(role);
    const step = fc.oneof(
      fc.record({
        op: fc.constant('create' as const),
        type: fc.constantFrom('standard', 'normal', 'emergency', 'hotfix'),
        ownerRef: fc.constantFrom(
          undefined,
          'group:default/checkout-team',
          'group:default/payments-team',
          'user:default/alice',
        ),
      }),
      fc.record({
        op: fc.constant('transition' as const),
        to: fc.constantFrom('planned', 'approved', 'in_progress', 'released'),
        override: fc.boolean(),
      }),
      fc.record({
        op: fc.constant('patch' as const),
        field: fc.constantFrom('type', 'ownerRef', 'entityRefs'),
      }),
      fc.record({ op: fc.constant('freeze-override' as const) }),
      fc.record({ op: fc.constant('approve' as const) }),
      fc.record({ op: fc.constant('handover' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Role>('owner', 'noGroup', 'platformAdmin'),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (role, steps) => {
          const as = attacker(role);
          for (const s of steps) {
            const id = ids[ids.length - 1];
            let res;
            if (s.op === 'create') {
              res = await as.post('/releases').send({
                ...standardPaymentsRelease,
                type: s.type,
                ...(s.type !== 'standard' && { standardChangeId: undefined }),
                ...(s.ownerRef && { ownerRef: s.ownerRef }),
                window: windowIn(-0.5, 3),
              });
              if (res.status === 201) ids.push(res.body.id);
            } else if (!id) {
              continue;
            } else if (s.op === 'transition') {
              res = await as.post(`/releases/${id}/transition`).send({
                to: s.to,
                ...(s.override && { override: { reason: 'trust me' } }),
              });
            } else if (s.op === 'patch') {
              const current = await as.get(`/releases/${id}`);
              if (current.status !== 200) continue;
              const patch = {
                type: { type: 'standard', standardChangeId: 'payments-config' },
                ownerRef: { ownerRef: 'group:default/payments-team' },
                entityRefs: { entityRefs: [PAYMENTS, CHECKOUT] },
              }[s.field];
              res = await as
                .patch(`/releases/${id}`)
                .send({ revision: current.body.revision, ...patch });
            } else if (s.op === 'freeze-override') {
              res = await as
                .post(`/releases/${id}/freeze-override`)
                .send({ reason: 'urgent' });
            } else if (s.op === 'approve') {
              res = await as
                .post(`/releases/${id}/approvals`)
                .send({ decision: 'approve', comment: 'self' });
            } else {
              res = await as
                .post(`/releases/${id}/handover`)
                .send({ toGroupRef: 'group:default/payments-team' });
            }
            expect(res.status).toBeLessThan(500);
          }
          const after = await gateOf(backend, PAYMENTS);
          expect(after.allowed).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses owners that are users or groups the caller is not in (defect 4)', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const base = {
      title: 'Payments 2',
      version: '2.0.0',
      type: 'normal',
      window: windowIn(48),
      entityRefs: [PAYMENTS],
    };
    const user = await alice
      .post('/releases')
      .send({ ...base, ownerRef: 'user:default/alice' });
    expect(user.status).toBe(400);
    expect(user.body.error.message).toMatch(/^ownerRef: must be a group/);

    const foreign = await alice
      .post('/releases')
      .send({ ...base, ownerRef: 'group:default/payments-team' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/hand it over/);

    const nobody = await backend.as('noGroup').post('/releases').send(base);
    expect(nobody.status).toBe(403);
    expect(nobody.body.error.message).toMatch(/not a member of any group/);

    // without ownerRef, a release of another team's component is Alice's
    // team's, so she can see and withdraw it
    const mine = await alice.post('/releases').send(base);
    expect(mine.status).toBe(201);
    expect(mine.body.ownerRef).toBe('group:default/checkout-team');
    expect((await alice.get(`/releases/${mine.body.id}`)).status).toBe(200);

    // giving it away by PATCH is refused; hand-over is explicit
    const giveAway = await alice
      .patch(`/releases/${mine.body.id}`)
      .send({ revision: 1, ownerRef: 'group:default/payments-team' });
    expect(giveAway.status).toBe(403);
    expect(giveAway.body.error.message).toMatch(/hand-over section/);
    expect(giveAway.body.error.message).not.toMatch(/POST|\/releases/);
  });

  it('hands a release over only when the receiving group accepts (defect 4)', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const bob = backend.as('otherTeam');
    const created = await alice.post('/releases').send({
      title: 'Payments 3',
      version: '3.0.0',
      type: 'normal',
      window: windowIn(48),
      entityRefs: [PAYMENTS],
    });
    const id = created.body.id;
    expect((await bob.get(`/releases/${id}`)).status).toBe(404);

    const offered = await alice
      .post(`/releases/${id}/handover`)
      .send({ toGroupRef: 'group:default/payments-team', reason: 'yours' });
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({
      ownerRef: 'group:default/checkout-team',
      pendingOwnerRef: 'group:default/payments-team',
    });
    // the offered group sees the draft; only it may accept
    expect((await bob.get(`/releases/${id}`)).status).toBe(200);
    const notOffered = await alice
      .post(`/releases/${id}/handover/accept`)
      .send({});
    expect(notOffered.status).toBe(403);
    expect(notOffered.body.error.message).toBe(
      'Only members of group:default/payments-team may accept release "Payments 3"',
    );
    expectPlainWords(notOffered.body.error.message, created.body);
    const accepted = await bob.post(`/releases/${id}/handover/accept`).send({});
    expect(accepted.status).toBe(200);
    const acceptedTwice = await bob
      .post(`/releases/${id}/handover/accept`)
      .send({});
    expect(acceptedTwice.status).toBe(409);
    expect(acceptedTwice.body.error.message).toBe(
      'Release "Payments 3" is not offered to any group',
    );
    expectPlainWords(acceptedTwice.body.error.message, created.body);
    expect(accepted.body.ownerRef).toBe('group:default/payments-team');
    expect(accepted.body.handedOverAt).toBeDefined();

    // Alice's creator rights end with the acceptance
    expect((await alice.get(`/releases/${id}`)).status).toBe(404);
    const events = await bob.get(`/releases/${id}/events`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'handover-offered',
      'handover-accepted',
    ]);
  });

  it('refuses entities whose declared owner is not in the catalog (#10 defect 2)', async () => {
    const backend = await portal.start({
      entities: [
        ...PORTAL_TEST_ENTITIES,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'ghost-service', namespace: 'default' },
          spec: { owner: 'ghost-team', system: 'checkout' },
        },
      ],
    });
    const res = await backend
      .as('owner')
      .post('/releases')
      .send({
        title: 'Ghost',
        version: '1',
        type: 'normal',
        window: windowIn(48),
        entityRefs: [CHECKOUT, 'component:default/ghost-service'],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'entityRefs.1: component:default/ghost-service is owned by group:default/ghost-team, which is not in the catalog, so nobody can approve for it; correct spec.owner of component:default/ghost-service or add group:default/ghost-team to the catalog',
    );
    const impact = await backend
      .as('owner')
      .post('/impact')
      .send({ entityRefs: ['component:default/ghost-service'] });
    expect(impact.body.changed[0]).toMatchObject({
      owner: 'group:default/ghost-team',
      ownerNotInCatalog: true,
    });
  });

  it('checks the refs of changes against the catalog (defect 5)', async () => {
    const backend = await startPortalTestBackend();
    const res = await backend
      .as('owner')
      .post('/releases')
      .send({
        title: 'Checkout',
        version: '1',
        type: 'normal',
        window: windowIn(48),
        entityRefs: [CHECKOUT],
        changes: [
          {
            kind: 'fix',
            title: 'x',
            entityRef: 'component:default/does-not-exist',
          },
        ],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'changes.0.entityRef: component:default/does-not-exist is not in the catalog',
    );
    const impact = await backend
      .as('owner')
      .post('/impact')
      .send({
        entityRefs: [CHECKOUT],
        changes: [
          { kind: 'fix', title: 'x', entityRef: 'component:default/nope' },
        ],
      });
    expect(impact.status).toBe(400);
    expect(impact.body.error.message).toMatch(/changes\.0\.entityRef/);
  });
});
