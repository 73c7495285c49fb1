import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  IssueTimelineEntry,
  Release,
  ReleaseIssue,
} from '@internal/plugin-release-coordination-common';
import createKnex, { Knex } from 'knex';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const opened: Knex[] = [];
afterAll(async () => {
  await Promise.all(opened.map(k => k.destroy()));
});

const AT = '2026-12-05T08:00:00.000Z';
const TEAM_A = 'group:default/team-a';
const A = 'component:default/a';
const B = 'component:default/b';

function release(id: string, state: Release['state']): Release {
  return {
    id,
    title: id,
    version: '1',
    type: 'normal',
    state,
    window: { start: AT, end: '2026-12-05T10:00:00.000Z' },
    entityRefs: [A],
    ownerRef: TEAM_A,
    description: '',
    changes: [],
    createdBy: 'user:default/creator',
    createdAt: AT,
    updatedAt: AT,
    revision: 1,
  };
}

function issue(id: string, parts: Partial<ReleaseIssue> = {}): ReleaseIssue {
  return {
    id,
    releaseId: 'released',
    title: `Issue ${id}`,
    severity: 'sev2',
    status: 'open',
    ownerRef: 'user:default/alice',
    entityRefs: [A],
    links: [],
    createdBy: 'user:default/alice',
    createdAt: AT,
    updatedAt: AT,
    statusSince: AT,
    revision: 1,
    ...parts,
  };
}

const created = (by = 'user:default/alice'): IssueTimelineEntry => ({
  action: 'created',
  by,
  at: AT,
  changes: [{ field: 'title', before: null, after: 'x' }],
});

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const stores = await createStores(mockServices.database({ knex }));
  // a second replica on its own pool (in-memory SQLite cannot be shared)
  const second =
    id === 'SQLITE_3' ? knex : createKnex(knex.client.config as Knex.Config);
  if (second !== knex) opened.push(second);
  const other = await createStores(mockServices.database({ knex: second }));
  await stores.releaseStore.createRelease(release('released', 'released'), []);
  await stores.releaseStore.createRelease(release('draft', 'draft'), []);
  return {
    knex,
    store: stores.releaseIssueStore,
    replica: other.releaseIssueStore,
  };
}

describe.each(databases.eachSupportedId())('release issue store on %p', id => {
  it('stores an issue with its entities and timeline, and changes it only at the expected revision', async () => {
    const { store, replica } = await setup(id);
    await store.createIssue(issue('i1', { entityRefs: [B, A] }), created());
    expect(await store.getIssue('i1')).toEqual(
      issue('i1', { entityRefs: [B, A] }),
    );
    const changed = issue('i1', {
      status: 'acknowledged',
      entityRefs: [A],
      links: [{ kind: 'ticket', url: 'https://t.example/1' }],
      revision: 2,
      updatedAt: '2026-12-05T09:00:00.000Z',
      statusSince: '2026-12-05T09:00:00.000Z',
    });
    const entry: IssueTimelineEntry = {
      action: 'changed',
      by: 'user:default/bob',
      at: '2026-12-05T09:00:00.000Z',
      changes: [{ field: 'status', before: 'open', after: 'acknowledged' }],
    };
    // two replicas write the same revision: exactly one wins
    const results = await Promise.all([
      store.updateIssue(changed, 1, entry),
      replica.updateIssue({ ...changed, title: 'Other' }, 1, entry),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await store.getIssue('i1');
    expect(stored?.revision).toBe(2);
    expect(await store.listTimeline('i1')).toEqual([created(), entry]);
    expect(await store.updateIssue(changed, 1, entry)).toBe(false);
  });

  it('lists newest first with filters and a cursor, drafts only for their viewers', async () => {
    const { store } = await setup(id);
    const at = (minute: number) =>
      `2026-12-05T08:${String(minute).padStart(2, '0')}:00.000Z`;
    await store.createIssue(
      issue('i1', { createdAt: at(1), severity: 'sev1' }),
      created(),
    );
    await store.createIssue(
      issue('i2', { createdAt: at(2), status: 'resolved', entityRefs: [B] }),
      created(),
    );
    await store.createIssue(
      issue('i3', { createdAt: at(3), ownerRef: TEAM_A }),
      created(),
    );
    await store.createIssue(
      issue('i4', { createdAt: at(4), releaseId: 'draft' }),
      created(),
    );
    const ids = async (filter: object) =>
      (
        await store.listIssues({ draftOwnerRefs: [], limit: 50, ...filter })
      ).items.map(item => item.issue.id);
    expect(await ids({})).toEqual(['i3', 'i2', 'i1']);
    expect(await ids({ draftOwnerRefs: [TEAM_A] })).toEqual([
      'i4',
      'i3',
      'i2',
      'i1',
    ]);
    expect(await ids({ statuses: ['open'] })).toEqual(['i3', 'i1']);
    expect(await ids({ severities: ['sev1'] })).toEqual(['i1']);
    expect(await ids({ entityRef: B })).toEqual(['i2']);
    expect(await ids({ ownerRef: TEAM_A })).toEqual(['i3']);

    const first = await store.listIssues({ draftOwnerRefs: [], limit: 2 });
    expect(first.items.map(i => i.issue.id)).toEqual(['i3', 'i2']);
    expect(first.items[0].release).toEqual({
      id: 'released',
      state: 'released',
      ownerRef: TEAM_A,
      createdBy: 'user:default/creator',
    });
    const rest = await store.listIssues({
      draftOwnerRefs: [],
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(rest.items.map(i => i.issue.id)).toEqual(['i1']);
    expect(rest.nextCursor).toBeUndefined();
    expect((await store.issuesOf(['draft'])).map(i => i.id)).toEqual(['i4']);
    expect(
      (await store.listInStatus(['open'], ['sev1', 'sev2'])).map(i => i.id),
    ).toEqual(['i1', 'i3', 'i4']);
  });

  it('claims each escalation once across replicas, again for a new stay in the status', async () => {
    const { store, replica } = await setup(id);
    await store.createIssue(issue('i1'), created());
    const now = new Date('2026-12-05T08:30:00.000Z');
    const claims = await Promise.all([
      store.claimEscalation('i1', 'sev2:open:PT15M', AT, now),
      replica.claimEscalation('i1', 'sev2:open:PT15M', AT, now),
      store.claimEscalation('i1', 'sev2:open:PT15M', AT, now),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimEscalation('i1', 'sev2:open:PT4H', AT, now)).toBe(
      true,
    );
    expect(
      await store.claimEscalation(
        'i1',
        'sev2:open:PT15M',
        '2026-12-05T09:00:00.000Z',
        now,
      ),
    ).toBe(true);
  });
});
