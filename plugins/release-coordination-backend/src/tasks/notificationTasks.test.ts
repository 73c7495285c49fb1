import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Release } from '@internal/plugin-release-coordination-common';
import createKnex, { Knex } from 'knex';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ApprovalService } from '../approvals/ApprovalService';
import { readApprovalPolicy } from '../approvals/approvalRules';
import { ReleaseService } from '../releases/ReleaseService';
import { NotificationLogStore } from '../database/DatabaseNotificationLogStore';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import {
  readReminderHours,
  sendApprovalReminders,
  sendFollowUpNotices,
} from './ReminderTask';
import { sendWeeklyDigests } from './WeeklyDigestTask';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const opened: Knex[] = [];
afterAll(async () => {
  await Promise.all(opened.map(k => k.destroy()));
});

const NOW = new Date('2026-11-30T07:00:00.000Z'); // a Monday
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const TEAM_C = 'group:default/team-c';

const at = (hours: number) =>
  new Date(NOW.getTime() + hours * 3600_000).toISOString();

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const database = mockServices.database({ knex });
  const store = await createStores(database).then(
    stores => stores.releaseStore,
  );
  // a second replica on its own pool (in-memory SQLite cannot be shared)
  const second =
    id === 'SQLITE_3' ? knex : createKnex(knex.client.config as Knex.Config);
  if (second !== knex) opened.push(second);
  const [log, otherLog] = await Promise.all([
    createStores(database).then(stores => stores.notificationLog),
    createStores(mockServices.database({ knex: second })).then(
      stores => stores.notificationLog,
    ),
  ]);
  let n = 0;
  const seed = (parts: Partial<Release>) => {
    n += 1;
    return store.createRelease(
      {
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        title: `Release ${n}`,
        version: '1.0.0',
        type: 'normal',
        state: 'planned',
        window: { start: at(2), end: at(4) },
        entityRefs: ['component:default/a'],
        ownerRef: TEAM_A,
        description: '',
        changes: [],
        createdBy: 'user:default/dave',
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        revision: 1,
        ...parts,
      },
      [],
    );
  };
  const notifications = { send: jest.fn(async () => {}) };
  const notifier = new ReleaseNotifier({
    notifications,
    logger: mockServices.logger.mock(),
  });
  return { knex, store, log, otherLog, seed, notifications, notifier };
}

type Sent = {
  recipients: { entityRef: string | string[] };
  payload: {
    title: string;
    description?: string;
    link?: string;
    scope?: string;
  };
};

/**
 * Approvals for follow-up tests: a catalog where team-b owns component a, and
 * emergency releases approved afterwards within two days.
 */
async function followUpApprovals(
  knex: Knex,
  store: Awaited<ReturnType<typeof setup>>['store'],
  now: () => Date,
) {
  const database = mockServices.database({ knex });
  const decisions = await createStores(database).then(
    stores => stores.approvalStore,
  );
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'a', namespace: 'default' },
        spec: { owner: 'team-b' },
      },
    ],
  });
  const permissions = mockServices.permissions();
  const userInfo = mockServices.userInfo();
  const approvals = new ApprovalService({
    releases: new ReleaseService({
      store,
      catalog: new CatalogModel({ catalog, auth: mockServices.auth() }),
      permissions,
      userInfo,
    }),
    store: decisions,
    userInfo,
    permissions,
    policy: readApprovalPolicy(
      mockServices.rootConfig({
        data: {
          releaseCoordination: {
            approvals: { emergencyFollowUp: { days: 2 } },
          },
        },
      }),
    ),
    now,
  });
  return { approvals, decisions };
}

const sentTo = (notifications: { send: jest.Mock }) =>
  notifications.send.mock.calls.map(([n]: [Sent]) => n.recipients.entityRef);

describe.each(databases.eachSupportedId())('notification tasks on %p', id => {
  it('reminds undecided approvers of soon releases once, even with two replicas racing', async () => {
    const { store, log, otherLog, seed, notifications, notifier } = await setup(
      id,
    );
    const soon = await seed({ window: { start: at(3), end: at(5) } });
    const later = await seed({ window: { start: at(30), end: at(31) } });
    const draft = await seed({ state: 'draft' });
    const started = await seed({ window: { start: at(-1), end: at(1) } });
    const pendingApprovers = jest.fn(async (release: Release) => ({
      round: 2,
      pending: release.id === soon.id ? [TEAM_A, TEAM_B] : [TEAM_C],
    }));
    const run = (replica: NotificationLogStore) =>
      sendApprovalReminders({
        releases: store,
        approvals: { pendingApprovers },
        log: replica,
        notifier,
        credentials: async () => ({} as any),
        reminderHours: 24,
        now: () => NOW,
      });

    const [first, second] = await Promise.all([run(log), run(otherLog)]);
    // only the planned release starting within 24 hours, not the later one,
    // the draft or the one already started
    expect(new Set(pendingApprovers.mock.calls.map(([r]) => r.id))).toEqual(
      new Set([soon.id]),
    );
    expect([later.id, draft.id, started.id]).not.toContain(soon.id);
    expect(
      [...first, ...second].map(s => [s.releaseId, s.groupRef, s.round]).sort(),
    ).toEqual([
      [soon.id, TEAM_A, 2],
      [soon.id, TEAM_B, 2],
    ]);
    expect(sentTo(notifications).sort()).toEqual([[TEAM_A], [TEAM_B]]);
    const [{ payload }] = notifications.send.mock.calls[0] as unknown as [Sent];
    expect(payload).toMatchObject({
      title: expect.stringContaining('Reminder'),
      link: `/release-coordination/releases/${soon.id}`,
    });

    // the next hour: nothing again
    expect(await run(log)).toEqual([]);
    expect(notifications.send).toHaveBeenCalledTimes(2);

    // a new round (the plan changed) reminds again
    pendingApprovers.mockImplementation(async () => ({
      round: 3,
      pending: [TEAM_B],
    }));
    expect((await run(otherLog)).map(s => [s.groupRef, s.round])).toEqual([
      [TEAM_B, 3],
    ]);
    expect(notifications.send).toHaveBeenCalledTimes(3);
  });

  it('reminds the groups approving an emergency afterwards before the deadline and flags them overdue, each once', async () => {
    const { knex, store, log, otherLog, seed, notifications, notifier } =
      await setup(id);
    const MANAGERS = 'group:default/release-managers';
    let clock = NOW;
    const { approvals, decisions } = await followUpApprovals(
      knex,
      store,
      () => clock,
    );
    const emergency = await seed({
      type: 'emergency',
      state: 'released',
      window: { start: at(-2), end: at(-1) },
    });
    const cancelled = await seed({ type: 'emergency', state: 'cancelled' });
    for (const release of [emergency, cancelled]) {
      await decisions.addDecision(release.id, 1, {
        groupRef: MANAGERS,
        decision: 'approve',
        comment: 'Payments are down',
        by: 'user:default/rita',
        at: NOW.toISOString(),
      });
    }
    const run = (replica: NotificationLogStore, hours: number) => {
      clock = new Date(NOW.getTime() + hours * 3600_000);
      return sendFollowUpNotices({
        releases: store,
        approvals,
        decisions,
        log: replica,
        notifier,
        releaseManagerGroup: MANAGERS,
        followUpDays: 2,
        reminderHours: 24,
        credentials: async () => ({} as any),
        now: () => clock,
      });
    };

    // the deadline: the release managers' approval plus two days
    expect(
      await approvals.pendingApprovers(emergency, {} as any),
    ).toMatchObject({
      followUpDeadline: at(48),
      pendingAfter: [TEAM_B],
      overdue: [],
    });
    // more than 24 hours before it: nothing yet
    expect(await run(log, 12)).toEqual([]);

    // within 24 hours: one reminder, even with two replicas racing
    const [first, second] = await Promise.all([
      run(log, 30),
      run(otherLog, 30),
    ]);
    expect([...first, ...second]).toEqual([
      { releaseId: emergency.id, groupRef: TEAM_B, round: 1, kind: 'reminder' },
    ]);
    expect(sentTo(notifications)).toEqual([[TEAM_B]]);
    expect(await run(otherLog, 31)).toEqual([]);

    // past the deadline: overdue, flagged once to the group and the release managers
    clock = new Date(at(49));
    expect(
      await approvals.pendingApprovers(emergency, {} as any),
    ).toMatchObject({ overdue: [TEAM_B], pendingAfter: [TEAM_B] });
    expect(await run(log, 49)).toEqual([
      { releaseId: emergency.id, groupRef: TEAM_B, round: 1, kind: 'overdue' },
    ]);
    expect(await run(otherLog, 50)).toEqual([]);
    expect(sentTo(notifications)).toEqual([[TEAM_B], [TEAM_B, MANAGERS]]);
    const overdue = notifications.send.mock.calls[1] as unknown as [Sent];
    expect(overdue[0].payload).toMatchObject({
      title: expect.stringContaining('Overdue'),
      description: expect.stringContaining(at(48)),
      link: `/release-coordination/releases/${emergency.id}`,
    });

    // once the group approved, nothing more is due
    await decisions.addDecision(emergency.id, 1, {
      groupRef: TEAM_B,
      decision: 'approve',
      comment: '',
      by: 'user:default/bob',
      at: at(51),
    });
    expect(await run(log, 52)).toEqual([]);
    expect(notifications.send).toHaveBeenCalledTimes(2);
    expect(
      Number((await knex('release_approval_follow_ups').count('* as n'))[0].n),
    ).toBe(2);
  });

  it('keeps reminders unique per release, round and group in the database', async () => {
    const { log, otherLog, seed, knex } = await setup(id);
    const release = await seed({});
    const claims = await Promise.all(
      [log, otherLog, log, otherLog].map(store =>
        store.claimReminder(release.id, 1, TEAM_A, NOW),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await log.claimReminder(release.id, 2, TEAM_A, NOW)).toBe(true);
    expect(await log.claimReminder(release.id, 1, TEAM_B, NOW)).toBe(true);
    const duplicate = await knex('release_approval_reminders')
      .insert({
        release_id: release.id,
        round: 1,
        group_ref: TEAM_A,
        sent_at: NOW,
      })
      .then(
        () => undefined,
        (error: { code?: string }) => error,
      );
    expect(String(duplicate?.code)).toMatch(/^(23505|SQLITE_CONSTRAINT)/);
    expect(
      Number((await knex('release_approval_reminders').count('* as n'))[0].n),
    ).toBe(3);
    // deleting the release deletes its reminders
    await knex('releases').where({ id: release.id }).delete();
    if (id === 'SQLITE_3') return; // foreign keys are off on the test SQLite
    expect(
      Number((await knex('release_approval_reminders').count('* as n'))[0].n),
    ).toBe(0);
  });

  it('sends each owner group one digest of its coming week, once per week', async () => {
    const { store, log, otherLog, seed, notifications, notifier } = await setup(
      id,
    );
    const a1 = await seed({ window: { start: at(48), end: at(50) } });
    const a2 = await seed({
      state: 'approved',
      window: { start: at(5), end: at(6) },
    });
    const b1 = await seed({
      ownerRef: TEAM_B,
      window: { start: at(100), end: at(101) },
    });
    await seed({ ownerRef: TEAM_C, window: { start: at(200), end: at(201) } }); // next week
    await seed({ ownerRef: TEAM_C, state: 'released' });
    const run = (replica: NotificationLogStore, now = NOW) =>
      sendWeeklyDigests({
        releases: store,
        log: replica,
        notifier,
        now: () => now,
      });

    const [first, second] = await Promise.all([run(log), run(otherLog)]);
    expect(
      [...first, ...second].sort((x, y) =>
        x.groupRef.localeCompare(y.groupRef),
      ),
    ).toEqual([
      { groupRef: TEAM_A, releaseIds: [a2.id, a1.id] },
      { groupRef: TEAM_B, releaseIds: [b1.id] },
    ]);
    expect(sentTo(notifications).sort()).toEqual([TEAM_A, TEAM_B]);
    const digest = (notifications.send.mock.calls as unknown as [Sent][])
      .map(([n]) => n)
      .find(n => n.recipients.entityRef === TEAM_A)!;
    expect(digest.payload.description).toContain(
      `/release-coordination/releases/${a1.id}`,
    );
    expect(digest.payload.description).toContain(
      `/release-coordination/releases/${a2.id}`,
    );
    expect(digest.payload.description!.indexOf(a2.id)).toBeLessThan(
      digest.payload.description!.indexOf(a1.id),
    );

    // a rerun the same week sends nothing
    expect(await run(log)).toEqual([]);
    expect(notifications.send).toHaveBeenCalledTimes(2);
    // next week's run does
    const nextWeek = new Date(NOW.getTime() + 7 * 24 * 3600_000);
    expect((await run(otherLog, nextWeek)).map(s => s.groupRef)).toEqual([
      TEAM_C,
    ]);
  });
});

describe('readReminderHours', () => {
  const config = (notifications?: object) =>
    mockServices.rootConfig({
      data: notifications ? { releaseCoordination: { notifications } } : {},
    });
  it('defaults to 24 and refuses nonsense', () => {
    expect(readReminderHours(config())).toBe(24);
    expect(readReminderHours(config({ reminderHours: 6 }))).toBe(6);
    expect(() => readReminderHours(config({ reminderHours: 0 }))).toThrow(
      /reminderHours/,
    );
  });
});
