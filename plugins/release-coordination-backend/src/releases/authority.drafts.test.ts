import { Role, windowIn } from '../__testUtils__/portalTestBackend';
import {
  CHECKOUT,
  startPortalTestBackend,
} from './__testUtils__/authorityFixtures';

jest.setTimeout(180_000);

describe('ownership is the authority', () => {
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
});
