import { windowIn } from '../__testUtils__/portalTestBackend';
import {
  CHECKOUT,
  standardPaymentsRelease,
  startPortalTestBackend,
} from './__testUtils__/authorityFixtures';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(180_000);

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
    expectPlainWords(early.body.error.message, created.body);
    const overridden = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'in_progress', override: { reason: 'Outage, go now' } });
    expect(overridden.status).toBe(200);
    const released = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'released' });
    expect(released.status).toBe(409);
    expect(released.body.error.message).toMatch(/before its window starts/);
    expectPlainWords(released.body.error.message, created.body);
    const events = await alice.get(`/releases/${id}/events`);
    expect(events.body.items.at(-1).reason).toMatch(/^Override: Outage/);
  });

  it('cannot start after its window ended, naming the release by its title', async () => {
    const backend = await startPortalTestBackend();
    const alice = backend.as('owner');
    const created = await alice.post('/releases').send({
      title: 'Checkout 12',
      version: '12',
      type: 'emergency',
      window: windowIn(-3, 1),
      entityRefs: [CHECKOUT],
    });
    expect(created.status).toBe(201);
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
    const late = await alice
      .post(`/releases/${id}/transition`)
      .send({ to: 'in_progress' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(
      /^Release "Checkout 12" cannot start after its window ended at /,
    );
    expectPlainWords(late.body.error.message, created.body);
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
