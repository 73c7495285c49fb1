import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const AT = '2026-11-01T08:00:00.000Z';
const LATER = '2026-11-02T08:00:00.000Z';

function release(id: string, state: Release['state']): Release {
  return {
    id,
    title: id,
    version: '1',
    type: 'normal',
    state,
    window: { start: AT, end: '2026-11-01T10:00:00.000Z' },
    entityRefs: ['component:default/a'],
    ownerRef: 'group:default/a',
    description: '',
    changes: [],
    createdBy: 'user:default/a',
    createdAt: AT,
    updatedAt: AT,
    revision: 1,
  };
}

const check = {
  metric: 'error_rate',
  comparator: '<' as const,
  threshold: 0.5,
  window: 'PT4H',
};

describe.each(databases.eachSupportedId())(
  'DatabaseVerificationStore on %p',
  id => {
    async function setup() {
      const knex = await databases.init(id);
      const stores = await createStores(mockServices.database({ knex }));
      return { knex, ...stores };
    }

    it('adds, orders, edits, records, proposes and deletes criteria', async () => {
      const { releaseStore, verificationStore: store } = await setup();
      await releaseStore.createRelease(release('r1', 'planned'), []);
      expect(await store.listCriteria('r1')).toEqual([]);
      await store.addCriteria('r1', [
        {
          id: 'c1',
          text: 'Error rate below 0.5 %',
          check,
          ownerRef: 'group:default/a',
          createdBy: 'user:default/a',
          createdAt: AT,
        },
        {
          id: 'c2',
          text: 'Support tickets normal',
          ownerRef: 'user:default/b',
          createdBy: 'user:default/a',
          createdAt: AT,
        },
      ]);
      await store.addCriteria('r1', [
        {
          id: 'c3',
          text: 'Third',
          ownerRef: 'user:default/b',
          createdBy: 'user:default/a',
          createdAt: AT,
        },
      ]);
      expect((await store.listCriteria('r1')).map(c => c.id)).toEqual([
        'c1',
        'c2',
        'c3',
      ]);
      expect(await store.getCriterion('r1', 'c1')).toEqual({
        id: 'c1',
        releaseId: 'r1',
        text: 'Error rate below 0.5 %',
        check,
        ownerRef: 'group:default/a',
        createdBy: 'user:default/a',
        createdAt: AT,
        updatedAt: AT,
      });
      expect(await store.getCriterion('other', 'c1')).toBeUndefined();

      expect(
        await store.updateCriterion('r1', 'c1', {
          check: null,
          text: 'Error rate low',
          updatedAt: LATER,
        }),
      ).toBe(true);
      expect(await store.getCriterion('r1', 'c1')).toMatchObject({
        text: 'Error rate low',
        updatedAt: LATER,
      });
      expect((await store.getCriterion('r1', 'c1'))!.check).toBeUndefined();
      expect(
        await store.updateCriterion('r1', 'nope', { updatedAt: LATER }),
      ).toBe(false);

      await store.setProposal('c2', {
        result: 'not_met',
        observedValue: 0.75,
        checker: 'http',
        checkedAt: LATER,
      });
      await store.setProposal('c3', {
        error: 'timed out',
        checker: 'http',
        checkedAt: LATER,
      });
      await store.recordOutcome('r1', 'c2', {
        result: 'waived',
        waiverReason: 'Known noise',
        evidence: 'https://grafana.example.com/d/1',
        recordedBy: 'user:default/b',
        recordedAt: LATER,
      });
      const [, c2, c3] = await store.listCriteria('r1');
      expect(c2.proposal).toEqual({
        result: 'not_met',
        observedValue: 0.75,
        checker: 'http',
        checkedAt: LATER,
      });
      expect(c2.outcome).toEqual({
        result: 'waived',
        waiverReason: 'Known noise',
        evidence: 'https://grafana.example.com/d/1',
        recordedBy: 'user:default/b',
        recordedAt: LATER,
      });
      expect(c3.proposal).toEqual({
        error: 'timed out',
        checker: 'http',
        checkedAt: LATER,
      });

      expect(await store.deleteCriterion('r1', 'c3')).toBe(true);
      expect(await store.deleteCriterion('r1', 'c3')).toBe(false);
      expect((await store.listCriteria('r1')).map(c => c.id)).toEqual([
        'c1',
        'c2',
      ]);
    });

    it('lists the open criteria of released releases and claims each notice once', async () => {
      const { knex, releaseStore, verificationStore: store } = await setup();
      await releaseStore.createRelease(release('planned', 'planned'), []);
      await releaseStore.createRelease(release('released', 'released'), []);
      const criterion = (cid: string) => ({
        id: cid,
        text: cid,
        check,
        ownerRef: 'group:default/a',
        createdBy: 'user:default/a',
        createdAt: AT,
      });
      await store.addCriteria('planned', [criterion('p1')]);
      await store.addCriteria('released', [
        criterion('open'),
        criterion('done'),
      ]);
      await store.recordOutcome('released', 'done', {
        result: 'met',
        recordedBy: 'user:default/a',
        recordedAt: LATER,
      });
      expect((await store.listOpenOfReleased()).map(c => c.id)).toEqual([
        'open',
      ]);

      const claims = await Promise.all(
        [1, 2, 3, 4].map(() => store.claimNotice('open', 'owner', new Date())),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claimNotice('open', 'managers', new Date())).toBe(
        true,
      );
      expect(await store.claimNotice('open', 'managers', new Date())).toBe(
        false,
      );
      expect(
        Number((await knex('release_criterion_notices').count('* as n'))[0].n),
      ).toBe(2);
    });
  },
);
