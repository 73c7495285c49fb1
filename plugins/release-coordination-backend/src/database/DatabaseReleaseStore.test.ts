import {
  createStore,
  created,
  databases,
  release,
} from './__testUtils__/releaseStoreFixtures';

jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('DatabaseReleaseStore on %p', id => {
  it('creates, reads and reports emptiness', async () => {
    const { store } = await createStore(id);
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
    const { store } = await createStore(id);
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
      const { store } = await createStore(id);
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
    const { store } = await createStore(id);
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
    const { store } = await createStore(id);
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
    const { store } = await createStore(id);
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
});
