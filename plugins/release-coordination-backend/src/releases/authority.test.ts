import fc from 'fast-check';
import {
  PORTAL_TEST_ENTITIES,
  PortalTestBackend,
  Role,
  portalTestBackend,
  windowIn,
} from '../__testUtils__/portalTestBackend';

jest.setTimeout(180_000);

const portal = portalTestBackend();
const startPortalTestBackend = portal.start;

const PAYMENTS = 'component:default/payments-service';
const CHECKOUT = 'component:default/checkout-service';

type Backend = PortalTestBackend;

/** A freeze over payments-service from an hour ago for a day, declared by the platform admin. */
async function freezePayments(backend: Backend) {
  const res = await backend
    .as('platformAdmin')
    .post('/freezes')
    .send({
      title: 'Payments freeze',
      scope: { entities: [PAYMENTS] },
      start: new Date(Date.now() - 3_600_000).toISOString(),
      end: new Date(Date.now() + 86_400_000).toISOString(),
      exemptTypes: [],
    });
  expect(res.status).toBe(201);
}

async function gateOf(backend: Backend, entityRef: string) {
  const res = await backend
    .as('releaseManager')
    .get(`/gate?entityRef=${encodeURIComponent(entityRef)}`);
  expect(res.status).toBe(200);
  return res.body as { allowed: boolean; reasons: string[] };
}

const standardPaymentsRelease = {
  title: 'Payments config tweak',
  version: '1.0.1',
  type: 'standard',
  standardChangeId: 'payments-config',
  entityRefs: [PAYMENTS],
  changes: [{ kind: 'config', title: 'Raise pool size' }],
};

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
      /approval of group:default\/payments-team missing/,
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
    expect(giveAway.body.error.message).toMatch(/handover/);
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
    expect(
      (await alice.post(`/releases/${id}/handover/accept`).send({})).status,
    ).toBe(403);
    const accepted = await bob.post(`/releases/${id}/handover/accept`).send({});
    expect(accepted.status).toBe(200);
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

  it('lets the creator see and withdraw a draft while it is not handed over', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const created = await alice.post('/releases').send({
      title: 'Checkout 9',
      version: '9.0.0',
      type: 'normal',
      window: windowIn(48),
      entityRefs: [CHECKOUT],
    });
    const id = created.body.id;
    // offered to payments-team, not accepted: Alice still owns it
    await alice
      .post(`/releases/${id}/handover`)
      .send({ toGroupRef: 'group:default/payments-team' });
    const declined = await backend
      .as('otherTeam')
      .delete(`/releases/${id}/handover`);
    expect(declined.status).toBe(200);
    expect(declined.body.pendingOwnerRef).toBeUndefined();
    const withdrawn = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'cancelled' });
    expect(withdrawn.status).toBe(200);
  });

  it('answers a hidden draft exactly like a missing release, on every path (defect 3)', async () => {
    const backend = await startPortalTestBackend();
    const created = await backend
      .as('owner')
      .post('/releases')
      .send({
        title: 'Secret',
        version: '1',
        type: 'normal',
        window: windowIn(48),
        entityRefs: [CHECKOUT],
      });
    const hidden = created.body.id;
    const missing = '00000000-0000-4000-8000-000000000000';
    const bob = backend.as('otherTeam');
    const calls: [
      string,
      (id: string) => Promise<{ status: number; body: any }>,
    ][] = [
      [
        'PATCH',
        id => bob.patch(`/releases/${id}`).send({ revision: 1, title: 'x' }),
      ],
      [
        'transition',
        id => bob.post(`/releases/${id}/transition`).send({ to: 'planned' }),
      ],
      [
        'approve',
        id =>
          bob
            .post(`/releases/${id}/approvals`)
            .send({ decision: 'approve', comment: 'x' }),
      ],
      [
        'withdraw',
        id =>
          bob.delete(
            `/releases/${id}/approvals/${encodeURIComponent(
              'group:default/payments-team',
            )}`,
          ),
      ],
      [
        'train-slot',
        id =>
          bob
            .post(`/releases/${id}/train-slot`)
            .send({ trainId: 'x', slotStart: new Date().toISOString() }),
      ],
      [
        'freeze-override',
        id => bob.post(`/releases/${id}/freeze-override`).send({ reason: 'x' }),
      ],
      [
        'risk-override',
        id =>
          bob
            .post(`/releases/${id}/risk-override`)
            .send({ level: 'low', reason: 'x' }),
      ],
      [
        'readiness item',
        id =>
          bob.post(`/releases/${id}/readiness/items/x`).send({ checked: true }),
      ],
      [
        'handover',
        id =>
          bob
            .post(`/releases/${id}/handover`)
            .send({ toGroupRef: 'group:default/payments-team' }),
      ],
      ['accept', id => bob.post(`/releases/${id}/handover/accept`).send({})],
    ];
    for (const [name, call] of calls) {
      const [a, b] = [await call(hidden), await call(missing)];
      expect({ name, status: a.status }).toEqual({ name, status: 404 });
      expect(a.body.error.message.replace(hidden, 'ID')).toBe(
        b.body.error.message.replace(missing, 'ID'),
      );
    }
  });

  it('shows a train slot without the drafts booked on it that the caller may not see', async () => {
    const backend = await startPortalTestBackend();
    const train = await backend
      .as('platformAdmin')
      .post('/trains')
      .send({
        name: 'Checkout train',
        rrule: 'FREQ=DAILY',
        timezone: 'UTC',
        // on the hour, two days ahead
        start: new Date(
          Math.ceil((Date.now() + 48 * 3_600_000) / 3_600_000) * 3_600_000,
        ).toISOString(),
        slotDuration: 'PT2H',
        cutoff: 'PT1H',
        scope: { systems: ['checkout'] },
      });
    expect(train.status).toBe(201);
    const alice = backend.as('owner');
    const draft = await alice.post('/releases').send({
      title: 'Secret checkout',
      version: '1',
      type: 'normal',
      window: windowIn(48),
      entityRefs: [CHECKOUT],
    });
    const [slot] = (await alice.get(`/trains/${train.body.id}/slots?count=1`))
      .body.items;
    expect(
      (
        await alice
          .post(`/releases/${draft.body.id}/train-slot`)
          .send({ trainId: train.body.id, slotStart: slot.start })
      ).status,
    ).toBe(200);
    const slotsAs = async (role: Role) =>
      (await backend.as(role).get(`/trains/${train.body.id}/slots?count=1`))
        .body.items[0].releaseIds;
    expect(await slotsAs('owner')).toEqual([draft.body.id]);
    expect(await slotsAs('otherTeam')).toEqual([]);
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

describe('standard changes and timing (defect 8)', () => {
  it('needs a declared standard change that covers the entities and kinds', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const base = {
      title: 'Checkout config',
      version: '1',
      type: 'standard',
      window: windowIn(48),
      entityRefs: [CHECKOUT],
      changes: [{ kind: 'config', title: 'Timeout' }],
    };
    const none = await alice.post('/releases').send(base);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/^standardChangeId: a standard/);
    const wrongKind = await alice.post('/releases').send({
      ...base,
      standardChangeId: 'checkout-config',
      changes: [{ kind: 'breaking', title: 'Drop v1' }],
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.message).toMatch(/^changes\.0\.kind/);
    const wrongEntity = await alice.post('/releases').send({
      ...base,
      standardChangeId: 'checkout-config',
      entityRefs: ['component:default/cart-service'],
    });
    expect(wrongEntity.status).toBe(400);
    expect(wrongEntity.body.error.message).toMatch(/^entityRefs: standard/);
    const ok = await alice
      .post('/releases')
      .send({ ...base, standardChangeId: 'checkout-config' });
    expect(ok.status).toBe(201);
  });

  it('pre-approval covers only the entities the owner holds', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const created = await alice.post('/releases').send({
      ...standardPaymentsRelease,
      window: windowIn(48),
    });
    expect(created.status).toBe(201);
    expect(created.body.ownerRef).toBe('group:default/checkout-team');
    const id = created.body.id;
    await alice.post(`/releases/${id}/transition`).send({ to: 'planned' });
    const approvals = await alice.get(`/releases/${id}/approvals`);
    expect(approvals.body).toMatchObject({
      rule: 'none',
      pending: ['group:default/payments-team'],
    });
    // payments-team's own standard change needs no approval
    const own = await backend
      .as('otherTeam')
      .post('/releases')
      .send({ ...standardPaymentsRelease, window: windowIn(50) });
    const bob = backend.as('otherTeam');
    await bob
      .post(`/releases/${own.body.id}/transition`)
      .send({ to: 'planned' });
    expect(
      (await bob.get(`/releases/${own.body.id}/approvals`)).body,
    ).toMatchObject({ rule: 'none', required: [], complete: true });
    expect(
      (
        await bob
          .post(`/releases/${own.body.id}/transition`)
          .send({ to: 'approved' })
      ).status,
    ).toBe(200);
  });

  it('a change of type after planning needs the approvers of the plan', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const created = await alice.post('/releases').send({
      title: 'Checkout 10',
      version: '10',
      type: 'normal',
      window: windowIn(48),
      entityRefs: [CHECKOUT],
      changes: [{ kind: 'config', title: 'Timeout' }],
    });
    const id = created.body.id;
    await alice.post(`/releases/${id}/transition`).send({ to: 'planned' });
    const current = await alice.get(`/releases/${id}`);
    const patched = await alice.patch(`/releases/${id}`).send({
      revision: current.body.revision,
      type: 'standard',
      standardChangeId: 'checkout-config',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.plannedType).toBe('normal');
    const approvals = await alice.get(`/releases/${id}/approvals`);
    expect(approvals.body).toMatchObject({
      rule: 'owners',
      pending: ['group:default/checkout-team'],
    });
    const approve = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'approved' });
    expect(approve.status).toBe(409);
  });

  it('cannot start long before its window, nor be released before it', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const created = await alice.post('/releases').send({
      title: 'Checkout 11',
      version: '11',
      type: 'emergency',
      window: windowIn(240),
      entityRefs: [CHECKOUT],
    });
    const id = created.body.id;
    await alice.post(`/releases/${id}/transition`).send({ to: 'planned' });
    await backend
      .as('releaseManager')
      .post(`/releases/${id}/approvals`)
      .send({ decision: 'approve', comment: 'go' });
    expect(
      (await alice.post(`/releases/${id}/transition`).send({ to: 'approved' }))
        .status,
    ).toBe(200);
    const early = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'in_progress' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/cannot start before/);
    const overridden = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'in_progress', override: { reason: 'Outage, go now' } });
    expect(overridden.status).toBe(200);
    const released = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'released' });
    expect(released.status).toBe(409);
    expect(released.body.error.message).toMatch(/before its window starts/);
    const events = await alice.get(`/releases/${id}/events`);
    expect(events.body.items.at(-1).reason).toMatch(/^Override: Outage/);
  });
});

describe('state agrees with approvals (defect 9)', () => {
  it('a plan change or a withdrawn approval sends an approved release back to planned', async () => {
    // a policy that lets creators approve, so that one user can walk it
    const relaxed = await startPortalTestBackend({
      config: {
        releaseCoordination: { approvals: { preventSelfApproval: false } },
      },
    });
    const a = relaxed.as('owner');
    const r = await a.post('/releases').send({
      title: 'Checkout 13',
      version: '13',
      type: 'normal',
      window: windowIn(48),
      entityRefs: [CHECKOUT],
    });
    const rid = r.body.id;
    await a.post(`/releases/${rid}/transition`).send({ to: 'planned' });
    await a
      .post(`/releases/${rid}/approvals`)
      .send({ decision: 'approve', comment: 'ok' });
    expect(
      (await a.post(`/releases/${rid}/transition`).send({ to: 'approved' }))
        .status,
    ).toBe(200);
    const current = await a.get(`/releases/${rid}`);
    const moved = await a.patch(`/releases/${rid}`).send({
      revision: current.body.revision,
      window: windowIn(72),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.state).toBe('planned');

    // approve again, then withdraw the approval: back to planned
    await a
      .post(`/releases/${rid}/approvals`)
      .send({ decision: 'approve', comment: 'again' });
    expect(
      (await a.post(`/releases/${rid}/transition`).send({ to: 'approved' }))
        .status,
    ).toBe(200);
    const withdrawn = await a.delete(
      `/releases/${rid}/approvals/${encodeURIComponent(
        'group:default/checkout-team',
      )}`,
    );
    expect(withdrawn.status).toBe(200);
    expect((await a.get(`/releases/${rid}`)).body.state).toBe('planned');
  });
});
