import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

let counter = 0;
function release(overrides: Partial<Release> = {}): Release {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    title: `Release ${counter}`,
    version: `1.${counter}.0`,
    type: 'normal',
    state: 'draft',
    window: {
      start: '2026-12-01T10:00:00.000Z',
      end: '2026-12-01T12:00:00.000Z',
    },
    entityRefs: ['component:default/a'],
    ownerRef: 'group:default/team-a',
    description: '# Notes',
    changes: [{ kind: 'feature', title: 'New thing' }],
    createdBy: 'user:default/alice',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

const created = (at = '2026-11-01T08:00:00.000Z') => ({
  action: 'created' as const,
  actorRef: 'user:default/alice',
  createdAt: at,
  changes: [],
});

const updateEvent = {
  action: 'updated' as const,
  actorRef: 'user:default/alice',
  createdAt: '2026-11-02T08:00:00.000Z',
  changes: [],
};

describe.each(databases.eachSupportedId())('DatabaseReleaseStore on %p', id => {
  async function createStore() {
    const knex = await databases.init(id);
    const { releaseStore: store } = await createStores(
      mockServices.database({ knex }),
    );
    return { knex, store };
  }

  it('creates, reads and reports emptiness', async () => {
    const { store } = await createStore();
    expect(await store.isEmpty()).toBe(true);
    const input = release({
      entityRefs: ['component:default/b', 'component:default/a'],
    });
    const stored = await store.createRelease(input, [created()]);
    expect(stored).toEqual({
      ...input,
      entityRefs: ['component:default/a', 'component:default/b'],
    });
    expect(await store.getRelease(input.id)).toEqual(stored);
    expect(await store.getRelease('missing')).toBeUndefined();
    expect(await store.isEmpty()).toBe(false);
  });

  it('filters by entity ref groups, owner, window overlap, state and type', async () => {
    const { store } = await createStore();
    const early = await store.createRelease(
      release({
        window: {
          start: '2026-12-01T00:00:00.000Z',
          end: '2026-12-02T00:00:00.000Z',
        },
        entityRefs: ['component:default/a', 'system:default/s'],
      }),
      [created()],
    );
    const late = await store.createRelease(
      release({
        window: {
          start: '2026-12-10T00:00:00.000Z',
          end: '2026-12-11T00:00:00.000Z',
        },
        entityRefs: ['component:default/b'],
        ownerRef: 'group:default/team-b',
        state: 'planned',
        type: 'hotfix',
      }),
      [created()],
    );
    const list = async (options: object) =>
      (
        await store.listReleases({ order: 'asc', limit: 10, ...options })
      ).items.map(r => r.id);

    expect(await list({})).toEqual([early.id, late.id]);
    expect(
      await list({ entityRefGroups: [['component:default/b', 'x:y/z']] }),
    ).toEqual([late.id]);
    expect(
      await list({
        entityRefGroups: [['component:default/a'], ['system:default/s']],
      }),
    ).toEqual([early.id]);
    expect(
      await list({
        entityRefGroups: [['component:default/a'], ['component:default/b']],
      }),
    ).toEqual([]);
    expect(await list({ ownerRef: 'group:default/team-b' })).toEqual([late.id]);
    expect(await list({ states: ['planned'] })).toEqual([late.id]);
    expect(await list({ types: ['normal'] })).toEqual([early.id]);
    // windows overlapping [from, to], inclusive at the edges
    expect(
      await list({
        from: '2026-12-02T00:00:00.000Z',
        to: '2026-12-10T00:00:00.000Z',
      }),
    ).toEqual([early.id, late.id]);
    expect(
      await list({
        from: '2026-12-03T00:00:00.000Z',
        to: '2026-12-09T00:00:00.000Z',
      }),
    ).toEqual([]);
    expect(
      await list({
        from: '2026-12-05T00:00:00.000Z',
        entityRefGroups: [['component:default/a', 'component:default/b']],
      }),
    ).toEqual([late.id]);
  });

  it.each(['asc', 'desc'] as const)(
    'pages through releases in %s order without gaps or repeats',
    async order => {
      const { store } = await createStore();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        // pairs share a window start, so the id breaks ties
        const start = new Date(Date.UTC(2026, 11, 1 + Math.floor(i / 2)));
        const r = await store.createRelease(
          release({
            window: {
              start: start.toISOString(),
              end: new Date(start.getTime() + 3_600_000).toISOString(),
            },
          }),
          [created()],
        );
        ids.push(r.id);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listReleases({ order, limit: 3, cursor });
        seen.push(...page.items.map(r => r.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(order === 'asc' ? ids : [...ids].reverse());
    },
  );

  it('rejects cursors it did not issue', async () => {
    const { store } = await createStore();
    await expect(
      store.listReleases({ order: 'asc', limit: 3, cursor: 'garbage' }),
    ).rejects.toThrow(/cursor/);
    const other = Buffer.from(
      JSON.stringify({ order: 'desc', windowStart: '2026-01-01', id: 'x' }),
    ).toString('base64url');
    await expect(
      store.listReleases({ order: 'asc', limit: 3, cursor: other }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });

  it('updates with compare-and-set and records events', async () => {
    const { store } = await createStore();
    const r = await store.createRelease(release(), [created()]);
    const updated = await store.updateRelease({
      id: r.id,
      revision: 1,
      fields: {
        title: 'Renamed',
        entityRefs: ['component:default/c'],
        window: {
          start: '2027-01-01T00:00:00.000Z',
          end: '2027-01-02T00:00:00.000Z',
        },
      },
      event: {
        action: 'updated',
        actorRef: 'user:default/bob',
        createdAt: '2026-11-02T08:00:00.000Z',
        changes: [{ field: 'title', before: r.title, after: 'Renamed' }],
      },
    });
    expect(updated).toMatchObject({
      title: 'Renamed',
      revision: 2,
      entityRefs: ['component:default/c'],
      updatedAt: '2026-11-02T08:00:00.000Z',
    });
    // the denormalised entity window moved with the release
    const found = await store.listReleases({
      order: 'asc',
      limit: 5,
      entityRefGroups: [['component:default/c']],
      from: '2027-01-01T12:00:00.000Z',
    });
    expect(found.items.map(i => i.id)).toEqual([r.id]);

    await expect(
      store.updateRelease({
        id: r.id,
        revision: 1,
        fields: { title: 'Stale' },
        event: { ...created(), action: 'updated' },
      }),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(
      store.updateRelease({
        id: 'missing',
        revision: 1,
        fields: { title: 'x' },
        event: { ...created(), action: 'updated' },
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });

    const transitioned = await store.updateRelease({
      id: r.id,
      revision: 2,
      fields: { state: 'planned' },
      event: {
        action: 'transitioned',
        actorRef: 'user:default/bob',
        createdAt: '2026-11-03T08:00:00.000Z',
        changes: [{ field: 'state', before: 'draft', after: 'planned' }],
        reason: 'Ready',
      },
    });
    expect(transitioned).toMatchObject({ state: 'planned', revision: 3 });
    expect(await store.getRelease(r.id)).toEqual(transitioned);

    const events = await store.listEvents(r.id);
    expect(events.map(e => [e.action, e.actorRef, e.reason])).toEqual([
      ['created', 'user:default/alice', undefined],
      ['updated', 'user:default/bob', undefined],
      ['transitioned', 'user:default/bob', 'Ready'],
    ]);
    expect(events[1]).toMatchObject({
      releaseId: r.id,
      createdAt: '2026-11-02T08:00:00.000Z',
      changes: [{ field: 'title', before: r.title, after: 'Renamed' }],
    });
  });

  it('lets exactly one of two concurrent updates of a revision win', async () => {
    const { store } = await createStore();
    const r = await store.createRelease(release(), [created()]);
    const attempt = (title: string) =>
      store.updateRelease({
        id: r.id,
        revision: 1,
        fields: { title },
        event: { ...created(), action: 'updated' },
      });
    const results = await Promise.allSettled([attempt('A'), attempt('B')]);
    expect(results.filter(x => x.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter(x => x.status === 'rejected')).toEqual([
      expect.objectContaining({
        reason: expect.objectContaining({ name: 'ConflictError' }),
      }),
    ]);
    expect((await store.listEvents(r.id)).length).toBe(2);
  });

  it('stores `after`, replaces it and finds followers', async () => {
    const { store } = await createStore();
    const first = await store.createRelease(release(), []);
    const second = await store.createRelease(release(), []);
    const third = await store.createRelease(
      release({ after: [second.id, first.id].sort() }),
      [],
    );
    expect(first.after).toBeUndefined();
    expect(third.after).toEqual([first.id, second.id].sort());
    expect((await store.getRelease(third.id))?.after).toEqual(third.after);

    const followers = await store.listActiveFollowers([first.id]);
    expect(followers.map(r => r.id)).toEqual([third.id]);

    const updated = await store.updateRelease({
      id: third.id,
      revision: 1,
      fields: { after: [second.id] },
      event: updateEvent,
    });
    expect(updated.after).toEqual([second.id]);
    expect(await store.listActiveFollowers([first.id])).toEqual([]);

    const cleared = await store.updateRelease({
      id: third.id,
      revision: 2,
      fields: { after: [] },
      event: updateEvent,
    });
    expect(cleared.after).toBeUndefined();
  });

  it('finds releases of the longest allowed window that reach into a range', async () => {
    const { store } = await createStore();
    // 90 days (MAX_WINDOW_DAYS), ending just inside the range
    const long = await store.createRelease(
      release({
        window: {
          start: '2026-09-02T10:00:00.000Z',
          end: '2026-12-01T10:00:00.000Z',
        },
      }),
      [created()],
    );
    await store.createRelease(
      release({
        window: {
          start: '2026-09-01T10:00:00.000Z',
          end: '2026-11-30T09:59:59.000Z',
        },
      }),
      [created()],
    );
    const range = {
      from: '2026-12-01T09:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
    };
    const listed = await store.listReleases({
      ...range,
      entityRefGroups: [['component:default/a']],
      order: 'asc',
      limit: 10,
    });
    expect(listed.items.map(r => r.id)).toEqual([long.id]);
    expect((await store.listActiveReleases(range)).map(r => r.id)).toEqual([
      long.id,
    ]);
    expect(
      (
        await store.listActiveReleases({
          ...range,
          entityRefs: ['component:default/a'],
        })
      ).map(r => r.id),
    ).toEqual([long.id]);
  });

  it('finds the windows of every length bucket that reach into a range, and only those, also after a move', async () => {
    const { knex, store } = await createStore();
    const range = {
      from: '2026-12-10T00:00:00.000Z',
      to: '2026-12-11T00:00:00.000Z',
    };
    const HOUR = 3_600_000;
    const from = Date.parse(range.from);
    const window = (startHoursBefore: number, endHoursAfter: number) => ({
      start: new Date(from - startHoursBefore * HOUR).toISOString(),
      end: new Date(from + endHoursAfter * HOUR).toISOString(),
    });
    const add = (w: Release['window'], refs = ['component:default/a']) =>
      store.createRelease(release({ window: w, entityRefs: refs }), []);
    // each bucket's longest window reaching just into the range, and one
    // of each ending just before it; a window longer than every bucket too
    const reaching = [];
    for (const hours of [24, 168, 720, 2160, 2900]) {
      reaching.push(await add(window(hours - 1, 1)));
      await add(window(hours - 0.5, -0.25));
    }
    reaching.push(await add(window(-2, 3), ['component:default/b']));
    await add(window(-25, 26));
    // a row written before the buckets (by an older replica) is found too
    const legacy = await add(window(5, -1));
    await knex('releases')
      .where({ id: legacy.id })
      .update({ window_start: new Date(from - 4000 * HOUR) });
    await knex('release_entities')
      .where({ release_id: legacy.id })
      .update({ window_start: new Date(from - 4000 * HOUR) });
    await knex('releases')
      .where({ id: legacy.id })
      .update({ window_end: new Date(from + HOUR), window_bucket: 2147483647 });
    await knex('release_entities')
      .where({ release_id: legacy.id })
      .update({ window_end: new Date(from + HOUR), window_bucket: 2147483647 });
    const expected = [legacy, ...reaching].map(r => r.id).sort();

    const ids = (items: Release[]) => items.map(r => r.id).sort();
    expect(ids(await store.listActiveReleases(range))).toEqual(expected);
    expect(
      ids(
        await store.listActiveReleases({
          ...range,
          entityRefs: ['component:default/a', 'component:default/b'],
        }),
      ),
    ).toEqual(expected);
    for (const order of ['asc', 'desc'] as const) {
      const seen: Release[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listReleases({
          ...range,
          order,
          limit: 2,
          cursor,
        });
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids(seen)).toEqual(expected);
      const starts = seen.map(r => Date.parse(r.window.start));
      const sorted = [...starts].sort((x, y) => x - y);
      expect(starts).toEqual(order === 'asc' ? sorted : sorted.reverse());
      const byEntity = await store.listReleases({
        ...range,
        entityRefGroups: [['component:default/a', 'component:default/b']],
        order,
        limit: 50,
      });
      expect(ids(byEntity.items)).toEqual(expected);
    }

    // a short release moved to a long window that reaches in from far back
    const moved = await add(window(-30, 31));
    expect(ids(await store.listActiveReleases(range))).not.toContain(moved.id);
    await store.updateRelease({
      id: moved.id,
      revision: 1,
      fields: { window: window(1000, 1) },
      event: updateEvent,
    });
    expect(ids(await store.listActiveReleases(range))).toContain(moved.id);
    expect(
      ids(
        await store.listActiveReleases({
          ...range,
          entityRefs: ['component:default/a'],
        }),
      ),
    ).toContain(moved.id);
  });

  it('sets and clears a freeze override', async () => {
    const { store } = await createStore();
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
    const { store } = await createStore();
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
    const { store } = await createStore();
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
    const { store } = await createStore();
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
