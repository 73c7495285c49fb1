import { Release } from '@internal/plugin-release-coordination-common';
import {
  createStore,
  databases,
  release,
  updateEvent,
} from './__testUtils__/releaseStoreFixtures';

jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('DatabaseReleaseStore on %p', id => {
  it('sets and clears a freeze override', async () => {
    const { store } = await createStore(id);
    const r = await store.createRelease(release(), []);
    expect(r.freezeOverride).toBeUndefined();
    const override = {
      reason: 'Regulatory deadline',
      by: 'user:default/alice',
      at: '2026-11-02T08:00:00.000Z',
    };
    const set = await store.updateRelease({
      id: r.id,
      revision: 1,
      fields: { freezeOverride: override },
      event: updateEvent,
    });
    expect(set.freezeOverride).toEqual(override);
    expect((await store.getRelease(r.id))?.freezeOverride).toEqual(override);
    const cleared = await store.updateRelease({
      id: r.id,
      revision: 2,
      fields: { freezeOverride: null },
      event: updateEvent,
    });
    expect(cleared.freezeOverride).toBeUndefined();
  });

  it('lists active releases in a range, with entities, ordering and override, in bulk', async () => {
    const { store } = await createStore(id);
    const a = await store.createRelease(
      release({ entityRefs: ['component:default/b', 'component:default/a'] }),
      [],
    );
    const b = await store.createRelease(
      release({
        after: [a.id],
        window: {
          start: '2026-12-01T11:00:00.000Z',
          end: '2026-12-01T13:00:00.000Z',
        },
      }),
      [],
    );
    await store.createRelease(release({ state: 'cancelled' }), []);
    await store.createRelease(
      release({
        window: {
          start: '2026-12-05T10:00:00.000Z',
          end: '2026-12-05T12:00:00.000Z',
        },
      }),
      [],
    );
    const found = await store.listActiveReleases({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
    });
    expect(found).toEqual([a, b]);
    expect(found[0].entityRefs).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    const onlyB = await store.listActiveReleases({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
      entityRefs: ['component:default/b'],
    });
    expect(onlyB.map(r => r.id)).toEqual([a.id]);
    expect(
      (await store.getReleases([b.id, 'missing', a.id])).map(r => r.id).sort(),
    ).toEqual([a.id, b.id].sort());
  });

  it('lists active releases with drafts only of some owners', async () => {
    const { store } = await createStore(id);
    const mine = await store.createRelease(release(), []);
    await store.createRelease(
      release({ ownerRef: 'group:default/team-b' }),
      [],
    );
    const planned = await store.createRelease(
      release({ state: 'planned', ownerRef: 'group:default/team-b' }),
      [],
    );
    const range = {
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
    };
    const ids = (releases: { id: string }[]) => releases.map(r => r.id).sort();
    expect(
      ids(
        await store.listActiveReleases({
          ...range,
          draftOwnerRefs: ['group:default/team-a'],
        }),
      ),
    ).toEqual([mine.id, planned.id].sort());
    expect(
      ids(await store.listActiveReleases({ ...range, draftOwnerRefs: [] })),
    ).toEqual([planned.id]);
    expect(await store.listActiveReleases(range)).toHaveLength(3);
    expect(
      ids(await store.listActiveCandidates({ ...range, draftOwnerRefs: [] })),
    ).toEqual([planned.id]);
  });

  it('lists active candidates for conflict detection: the fields it needs, in window order', async () => {
    const { store } = await createStore(id);
    const first = await store.createRelease(
      release({
        state: 'approved',
        type: 'hotfix',
        entityRefs: ['component:default/b', 'component:default/a'],
        window: {
          start: '2026-12-01T08:00:00.000Z',
          end: '2026-12-01T09:30:00.000Z',
        },
      }),
      [],
    );
    const second = await store.createRelease(
      release({ after: [first.id], ownerRef: 'group:default/team-b' }),
      [],
    );
    await store.updateRelease({
      id: second.id,
      revision: 1,
      fields: {
        freezeOverride: {
          reason: 'CAB',
          by: 'user:default/alice',
          at: first.createdAt,
        },
      },
      event: updateEvent,
    });
    await store.createRelease(release({ state: 'released' }), []);
    await store.createRelease(
      release({
        window: {
          start: '2026-12-03T10:00:00.000Z',
          end: '2026-12-03T12:00:00.000Z',
        },
      }),
      [],
    );
    const range = {
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
    };
    const lean = (r: Release) => ({
      id: r.id,
      title: r.title,
      type: r.type,
      state: r.state,
      window: r.window,
      entityRefs: r.entityRefs,
      ownerRef: r.ownerRef,
    });
    const full = await store.listActiveReleases(range);
    expect(full.map(r => r.id)).toEqual([first.id, second.id]);
    expect(await store.listActiveCandidates(range)).toEqual(full.map(lean));
    expect(
      await store.listActiveCandidates({
        ...range,
        draftOwnerRefs: ['group:default/team-a'],
      }),
    ).toEqual([lean(full[0])]);
  });
});
