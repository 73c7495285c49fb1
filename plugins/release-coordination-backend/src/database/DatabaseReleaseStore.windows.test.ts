import { Release } from '@internal/plugin-release-coordination-common';
import {
  createStore,
  created,
  databases,
  release,
  updateEvent,
} from './__testUtils__/releaseStoreFixtures';

jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('DatabaseReleaseStore on %p', id => {
  it('stores `after`, replaces it and finds followers', async () => {
    const { store } = await createStore(id);
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
    const { store } = await createStore(id);
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
    const { knex, store } = await createStore(id);
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
});
