import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import createKnex, { Knex } from 'knex';
import { createStores } from './createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const opened: Knex[] = [];
afterAll(async () => {
  await Promise.all(opened.map(k => k.destroy()));
});

const AT = '2026-11-01T08:00:00.000Z';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const database = mockServices.database({ knex });
  const releases = await createStores(database).then(
    stores => stores.releaseStore,
  );
  // a second store on its own connection pool to the same database: another
  // replica (an in-memory SQLite database cannot be shared, so it reuses the pool)
  const second =
    id === 'SQLITE_3' ? knex : createKnex(knex.client.config as Knex.Config);
  if (second !== knex) opened.push(second);
  const replica = mockServices.database({ knex: second });
  const [store, other] = await Promise.all([
    createStores(database).then(stores => stores.approvalStore),
    createStores(replica).then(stores => stores.approvalStore),
  ]);
  await releases.createRelease(
    {
      id: 'r1',
      title: 'R1',
      version: '1',
      type: 'normal',
      state: 'planned',
      window: { start: AT, end: '2026-11-01T10:00:00.000Z' },
      entityRefs: ['component:default/a'],
      ownerRef: TEAM_A,
      description: '',
      changes: [],
      createdBy: 'user:default/creator',
      createdAt: AT,
      updatedAt: AT,
      revision: 1,
    },
    [
      {
        action: 'created',
        actorRef: 'user:default/creator',
        createdAt: AT,
        changes: [],
      },
    ],
  );
  return { knex, releases, store, other };
}

const decision = (groupRef: string, by: string, value = 'approve') => ({
  groupRef,
  decision: value as 'approve' | 'reject',
  comment: `by ${by}`,
  by,
  at: AT,
});

describe.each(databases.eachSupportedId())(
  'DatabaseApprovalStore on %p',
  id => {
    it('keeps exactly one of two racing decisions for a group', async () => {
      const { store } = await setup(id);
      const results = await Promise.allSettled([
        store.addDecision('r1', 1, decision(TEAM_A, 'user:default/alice')),
        store.addDecision('r1', 1, decision(TEAM_A, 'user:default/bob')),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ConflictError);
      expect(await store.listDecisions('r1', 1)).toHaveLength(1);
    });

    it('keeps both racing decisions of two groups, and races across two connection pools', async () => {
      const { store, other } = await setup(id);
      await Promise.all([
        store.addDecision('r1', 1, decision(TEAM_A, 'user:default/alice')),
        other.addDecision('r1', 1, decision(TEAM_B, 'user:default/bob')),
      ]);
      {
        const racing = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? store : other).addDecision(
              'r1',
              2,
              decision(TEAM_A, `user:default/u${i}`),
            ),
          ),
        );
        expect(racing.filter(r => r.status === 'fulfilled')).toHaveLength(1);
        expect(await other.listDecisions('r1', 2)).toHaveLength(1);
      }
      expect(
        (await store.listDecisions('r1', 1)).map(d => d.groupRef).sort(),
      ).toEqual([TEAM_A, TEAM_B]);
    });

    it('starts new rounds with a history entry, withdraws only own decisions and stores checks', async () => {
      const { store, releases } = await setup(id);
      expect(await store.getRound('r1')).toBe(1);
      await store.addDecision('r1', 1, decision(TEAM_A, 'user:default/alice'));
      const event = {
        action: 'approvals-reset' as const,
        actorRef: 'user:default/creator',
        createdAt: AT,
        changes: [{ field: 'approvalRound', before: 1, after: 2 }],
        reason: 'The plan changed',
      };
      expect(await store.startNewRound('r1', event)).toBe(2);
      expect(await store.startNewRound('r1', event)).toBe(3);
      expect(await store.getRound('r1')).toBe(3);
      expect(await store.listDecisions('r1', 3)).toEqual([]);
      expect((await releases.listEvents('r1')).map(e => e.action)).toEqual([
        'created',
        'approvals-reset',
        'approvals-reset',
      ]);
      // a new round frees the group to decide again
      await store.addDecision('r1', 3, decision(TEAM_A, 'user:default/bob'));

      expect(
        await store.deleteDecision('r1', 3, TEAM_A, 'user:default/alice'),
      ).toBe(false);
      expect(
        await store.deleteDecision('r1', 3, TEAM_A, 'user:default/bob'),
      ).toBe(true);
      expect(await store.listDecisions('r1', 3)).toEqual([]);

      await store.setCheck('r1', 'rollback-plan', {
        by: 'user:default/alice',
        at: AT,
      });
      await store.setCheck('r1', 'rollback-plan', {
        by: 'user:default/bob',
        at: AT,
        evidence: 'https://wiki.example.com/rollback',
      });
      expect(await store.listChecks('r1')).toEqual([
        {
          itemId: 'rollback-plan',
          by: 'user:default/bob',
          at: AT,
          evidence: 'https://wiki.example.com/rollback',
        },
      ]);
      await store.setCheck('r1', 'rollback-plan', null);
      expect(await store.listChecks('r1')).toEqual([]);
    });
  },
);
