import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import createKnex, { Knex } from 'knex';
import { createStores } from '../database/createStores';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { releaseSeeder } from '../service/__testUtils__/routerTestKit';
import { runReviewReminders } from './ReviewReminderTask';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const opened: Knex[] = [];
afterAll(async () => {
  await Promise.all(opened.map(k => k.destroy()));
});

const ALICE = 'user:default/alice';
const TEAM = 'group:default/team-pay';

describe.each(databases.eachSupportedId())(
  'review action-item reminders on %p',
  id => {
    it('tells the owner of an open action item once, the day after its due date, on one replica only; a new due date re-arms it', async () => {
      const knex = await databases.init(id);
      const stores = await createStores(mockServices.database({ knex }));
      // a second replica on its own pool (in-memory SQLite cannot be shared)
      const second =
        id === 'SQLITE_3'
          ? knex
          : createKnex(knex.client.config as Knex.Config);
      if (second !== knex) opened.push(second);
      const otherStores = await createStores(
        mockServices.database({ knex: second }),
      );
      const release = await releaseSeeder(stores.releaseStore, {
        createdBy: ALICE,
        now: new Date('2026-11-20T10:00:00.000Z'),
      })({ state: 'rolled_back', title: 'Ledger 4.2', version: '4.2.0' });
      const store = stores.reviewStore;
      await store.syncRequirement({
        releaseId: release.id,
        required: true,
        requiredBecause: ['rolled-back'],
        finishedAt: '2026-11-20T10:00:00.000Z',
      });
      const change = (revision: number) => ({
        releaseId: release.id,
        revision,
        by: ALICE,
        at: '2026-11-21T10:00:00.000Z',
      });
      const item = (itemId: string, ownerRef: string) => ({
        id: itemId,
        title: `Follow up ${itemId}`,
        ownerRef,
        dueDate: '2026-12-01',
        status: 'open' as const,
        createdBy: ALICE,
        createdAt: '2026-11-21T10:00:00.000Z',
      });
      await store.addActionItem(change(1), item('canary', TEAM));
      await store.addActionItem(change(2), item('alerts', ALICE));
      await store.updateActionItem(change(3), 'alerts', { status: 'done' });

      const send = jest.fn(async (_notification: any) => {});
      const notifier = new ReleaseNotifier({
        notifications: { send },
        logger: mockServices.logger.mock(),
      });
      const run = (replica: typeof stores, at: string) =>
        runReviewReminders({
          store: replica.reviewStore,
          releases: replica.releaseStore,
          notifier,
          now: () => new Date(at),
        });

      // due on the 1st: not overdue that day (UTC)
      expect(await run(stores, '2026-12-01T23:59:00.000Z')).toEqual([]);
      const sent = await Promise.all([
        run(stores, '2026-12-02T00:05:00.000Z'),
        run(otherStores, '2026-12-02T00:05:00.000Z'),
      ]);
      expect(sent.flat()).toEqual(['canary']);
      expect(send).toHaveBeenCalledTimes(1);
      expect(send.mock.calls[0][0]).toEqual({
        recipients: { type: 'entity', entityRef: [TEAM] },
        payload: {
          title: 'Overdue action item: Ledger 4.2 4.2.0',
          description:
            '"Follow up canary" from the post-release review was due 2026-12-01 and is still open.',
          severity: 'normal',
          link: `/release-coordination/releases/${release.id}`,
          topic: `release:${release.id}`,
          scope: `release-coordination:${release.id}:review-action-item:canary:2026-12-01`,
        },
      });
      expect(await run(stores, '2026-12-03T09:00:00.000Z')).toEqual([]);

      await store.updateActionItem(change(4), 'canary', {
        dueDate: '2026-12-05',
      });
      expect(await run(otherStores, '2026-12-05T12:00:00.000Z')).toEqual([]);
      expect(await run(otherStores, '2026-12-06T00:00:00.000Z')).toEqual([
        'canary',
      ]);
      await store.updateActionItem(change(5), 'canary', {
        dueDate: '2026-12-07',
      });
      await store.updateActionItem(change(6), 'canary', { status: 'done' });
      expect(await run(stores, '2026-12-09T00:00:00.000Z')).toEqual([]);
      expect(send).toHaveBeenCalledTimes(2);
    });
  },
);
