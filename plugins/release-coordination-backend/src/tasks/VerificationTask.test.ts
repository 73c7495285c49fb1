import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import createKnex, { Knex } from 'knex';
import { createStores } from '../database/createStores';
import { VerificationChecker } from '../verification/checkers';
import { VerificationNotifier } from '../verification/VerificationNotifier';
import { runVerificationTask } from './VerificationTask';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const opened: Knex[] = [];
afterAll(async () => {
  await Promise.all(opened.map(k => k.destroy()));
});

const RELEASED_AT = new Date('2026-12-01T10:00:00.000Z');
const at = (minutes: number) =>
  new Date(RELEASED_AT.getTime() + minutes * 60_000);
const TEAM = 'group:default/team-a';
const MANAGERS = 'group:default/release-managers';
const HOUR = 60;

const release: Release = {
  id: 'rel-1',
  title: 'Checkout',
  version: '4.0.0',
  type: 'normal',
  state: 'released',
  window: { start: at(-120).toISOString(), end: at(60).toISOString() },
  entityRefs: ['component:default/checkout'],
  ownerRef: TEAM,
  description: '',
  changes: [],
  createdBy: 'user:default/dave',
  createdAt: at(-1000).toISOString(),
  updatedAt: RELEASED_AT.toISOString(),
  revision: 5,
};

/** A metrics source: the error rate is 0.2; the latency source is down. */
const checker: VerificationChecker = {
  id: 'test-metrics',
  supports: metric => ['error_rate', 'latency'].includes(metric),
  measure: async ({ criterion }) => {
    if (criterion.check.metric === 'latency') {
      throw new Error('metrics source unavailable');
    }
    return 0.2;
  },
};

async function setup(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const stores = await createStores(mockServices.database({ knex }));
  // a second replica on its own pool (in-memory SQLite cannot be shared)
  const second =
    id === 'SQLITE_3' ? knex : createKnex(knex.client.config as Knex.Config);
  if (second !== knex) opened.push(second);
  const otherStores = await createStores(
    mockServices.database({ knex: second }),
  );
  await stores.releaseStore.createRelease(release, [
    {
      action: 'transitioned',
      actorRef: 'user:default/dave',
      createdAt: RELEASED_AT.toISOString(),
      changes: [{ field: 'state', before: 'in_progress', after: 'released' }],
    },
  ]);
  const base = {
    ownerRef: TEAM,
    createdBy: 'user:default/dave',
    createdAt: at(-500).toISOString(),
  };
  await stores.verificationStore.addCriteria(release.id, [
    {
      ...base,
      id: 'errors',
      text: 'Error rate below 0.5',
      check: {
        metric: 'error_rate',
        comparator: '<',
        threshold: 0.5,
        window: 'PT1H',
      },
    },
    { ...base, id: 'tickets', text: 'No rise in support tickets' },
    {
      ...base,
      id: 'latency',
      text: 'p95 latency below 300 ms',
      ownerRef: 'user:default/alice',
      check: {
        metric: 'latency',
        comparator: '<',
        threshold: 300,
        window: 'P1D',
      },
    },
  ]);
  const notifications = { send: jest.fn(async () => {}) };
  const notifier = new VerificationNotifier({
    notifications,
    logger: mockServices.logger.mock(),
  });
  const run = (replica: typeof stores, minutes: number) =>
    runVerificationTask({
      store: replica.verificationStore,
      releases: replica.releaseStore,
      checkers: [checker],
      notifier,
      releaseManagerGroup: MANAGERS,
      escalateAfterMs: 4 * HOUR * 60_000,
      now: () => at(minutes),
    });
  return { stores, otherStores, notifications, run };
}

type Sent = {
  recipients: { entityRef: string[] };
  payload: { title: string; description: string; scope: string };
};

describe.each(databases.eachSupportedId())('verification task on %p', id => {
  it('stores proposals and notifies the owner, then the release managers, once each, with two replicas racing', async () => {
    const { stores, otherStores, notifications, run } = await setup(id);
    const sent = () =>
      (notifications.send.mock.calls as unknown as [Sent][]).map(([n]) => n);

    // within the window: proposals only
    expect(await run(stores, 30)).toEqual([]);
    const [errors, tickets, latency] =
      await stores.verificationStore.listCriteria(release.id);
    expect(errors.proposal).toEqual({
      result: 'met',
      observedValue: 0.2,
      checker: 'test-metrics',
      checkedAt: at(30).toISOString(),
    });
    expect(tickets.proposal).toBeUndefined();
    // the checker's failure leaves the criterion open, with its error
    expect(latency.proposal).toEqual({
      error: 'metrics source unavailable',
      checker: 'test-metrics',
      checkedAt: at(30).toISOString(),
    });
    expect(latency.outcome).toBeUndefined();
    expect(errors.outcome).toBeUndefined();

    // the error-rate window ended: its owner hears once, whoever runs
    const [first, second] = await Promise.all([
      run(stores, HOUR),
      run(otherStores, HOUR),
    ]);
    expect([...first, ...second]).toEqual([
      { releaseId: release.id, criterionId: 'errors', kind: 'owner' },
    ]);
    expect(sent().map(n => n.recipients.entityRef)).toEqual([[TEAM]]);
    expect(sent()[0].payload.description).toContain(
      'The checker proposes met (0.2)',
    );
    // the title names the criterion: notices of one release's criteria differ
    expect(sent()[0].payload.title).toBe(
      'Record the result of "Error rate below 0.5": Checkout 4.0.0',
    );
    expect(await run(otherStores, 2 * HOUR)).toEqual([]);

    // four hours later still open: the release managers hear once
    const [third, fourth] = await Promise.all([
      run(stores, 5 * HOUR),
      run(otherStores, 5 * HOUR),
    ]);
    expect([...third, ...fourth]).toEqual([
      { releaseId: release.id, criterionId: 'errors', kind: 'managers' },
    ]);
    expect(sent().map(n => n.recipients.entityRef)).toEqual([
      [TEAM],
      [MANAGERS],
    ]);
    expect(sent()[1].payload.title).toBe(
      'Still open: "Error rate below 0.5" of Checkout 4.0.0',
    );

    // the day-long latency window ends; by then errors is recorded
    await stores.verificationStore.recordOutcome(release.id, 'errors', {
      result: 'met',
      recordedBy: 'user:default/carol',
      recordedAt: at(6 * HOUR).toISOString(),
    });
    expect(await run(stores, 24 * HOUR)).toEqual([
      { releaseId: release.id, criterionId: 'latency', kind: 'owner' },
    ]);
    expect(sent()[2].recipients.entityRef).toEqual(['user:default/alice']);
    expect(sent()[2].payload.description).toContain(
      'The checker could not tell: metrics source unavailable',
    );
    expect(notifications.send).toHaveBeenCalledTimes(3);
  });

  it('leaves releases that are not released alone', async () => {
    const { stores, notifications, run } = await setup(id);
    await stores.releaseStore.updateRelease({
      id: release.id,
      revision: release.revision,
      fields: { state: 'rolled_back' },
      event: {
        action: 'transitioned',
        actorRef: 'user:default/dave',
        createdAt: at(10).toISOString(),
        changes: [{ field: 'state', before: 'released', after: 'rolled_back' }],
      },
    });
    expect(await run(stores, 48 * HOUR)).toEqual([]);
    expect(notifications.send).not.toHaveBeenCalled();
    const criteria = await stores.verificationStore.listCriteria(release.id);
    expect(criteria.map(c => c.proposal)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
