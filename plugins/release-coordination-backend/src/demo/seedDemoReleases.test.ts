import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  ACTIVE_RELEASE_STATES,
  RELEASE_TYPES,
  createReleaseRequestSchema,
  isTransitionAllowed,
} from '@internal/plugin-release-coordination-common';
import { demoReleases } from './demoReleases';
import { seedDemoReleases } from './seedDemoReleases';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const now = new Date('2026-11-26T12:00:00.000Z');

describe('demoReleases', () => {
  const demos = demoReleases(now);

  it('are valid releases that followed the lifecycle, with no future history', () => {
    for (const { release, events } of demos) {
      expect(() =>
        createReleaseRequestSchema.parse({
          title: release.title,
          version: release.version,
          type: release.type,
          window: release.window,
          entityRefs: release.entityRefs,
          ownerRef: release.ownerRef,
          description: release.description,
          changes: release.changes,
        }),
      ).not.toThrow();
      let state = 'draft';
      for (const event of events.filter(e => e.action === 'transitioned')) {
        const { before, after } = event.changes[0];
        expect(before).toBe(state);
        expect(isTransitionAllowed(before as any, after as any)).toBe(true);
        state = after as string;
      }
      expect(release.state).toBe(state);
      for (const event of events) {
        expect(Date.parse(event.createdAt)).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it('cover past, current and upcoming releases of every type', () => {
    const states = new Set(demos.map(d => d.release.state));
    for (const state of [
      'released',
      'verified',
      'rolled_back',
      'cancelled',
      'in_progress',
      'draft',
      'planned',
      'approved',
    ]) {
      expect(states).toContain(state);
    }
    expect(new Set(demos.map(d => d.release.type))).toEqual(
      new Set(RELEASE_TYPES),
    );
    const current = demos.filter(d => d.release.state === 'in_progress');
    expect(current).toHaveLength(1);
    expect(Date.parse(current[0].release.window.start)).toBeLessThan(+now);
    expect(Date.parse(current[0].release.window.end)).toBeGreaterThan(+now);
    const upcoming = demos
      .map(d => d.release)
      .filter(
        r =>
          ACTIVE_RELEASE_STATES.includes(r.state) && r.state !== 'in_progress',
      );
    expect(upcoming.length).toBeGreaterThanOrEqual(5);
    for (const release of upcoming) {
      expect(Date.parse(release.window.start)).toBeGreaterThan(+now);
      expect(Date.parse(release.window.start)).toBeLessThan(
        +now + 42 * 86_400_000,
      );
    }
  });
});

describe.each(databases.eachSupportedId())('seedDemoReleases on %p', id => {
  async function releaseAndApprovalStores() {
    const knex = await databases.init(id);
    const stores = await createStores(mockServices.database({ knex }));
    return { store: stores.releaseStore, approvals: stores.approvalStore };
  }

  it('seeds an empty database with releases, their history and approvals', async () => {
    const { store, approvals } = await releaseAndApprovalStores();
    const logger = mockServices.logger.mock();
    const count = await seedDemoReleases({ store, approvals, logger, now });
    expect(count).toBeGreaterThanOrEqual(15);
    const page = await store.listReleases({ order: 'asc', limit: 100 });
    expect(page.items).toHaveLength(count);
    const verified = page.items.find(r => r.state === 'verified')!;
    expect((await store.listEvents(verified.id)).map(e => e.action)).toEqual([
      'created',
      'transitioned',
      'transitioned',
      'transitioned',
      'transitioned',
      'transitioned',
    ]);
    expect(
      (await approvals.listDecisions(verified.id, 1)).map(d => d.decision),
    ).toContain('approve');
  });

  it('never touches a database that already holds plans', async () => {
    const { store, approvals } = await releaseAndApprovalStores();
    const logger = mockServices.logger.mock();
    const [existing] = demoReleases(now);
    await store.createRelease(
      { ...existing.release, id: 'b5c2a1f0-0000-4000-8000-000000000001' },
      existing.events,
    );
    expect(await seedDemoReleases({ store, approvals, logger, now })).toBe(0);
    const page = await store.listReleases({ order: 'asc', limit: 100 });
    expect(page.items.map(r => r.id)).toEqual([
      'b5c2a1f0-0000-4000-8000-000000000001',
    ]);
  });
});
