import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import {
  API,
  HostileBackend,
  HostileInputRun,
  RUNS_PER_ENDPOINT,
  REFS,
  deleteBody,
  hostileBody,
  hostileInputDatabases,
  nearTimestamp,
  pathSegment,
  recordResults,
  startHostileBackend,
  validChange,
  validComponents,
  validText,
  validWindow,
} from './__testUtils__/hostileInput';

jest.setTimeout(20 * 60_000);

const databases = TestDatabases.create({ ids: hostileInputDatabases() });

/** Readiness items of the default templates, plus one that does not exist. */
const ITEMS = [
  'rollback-plan',
  'release-notes',
  'on-call-informed',
  'security-review',
  'no-such-item',
];

describe.each(databases.eachSupportedId())(
  'hostile input to the release routes on %p',
  databaseId => {
    let backend: HostileBackend;
    let run: HostileInputRun;

    beforeAll(async () => {
      backend = await startHostileBackend(databases, databaseId);
      run = new HostileInputRun(backend);
    });

    afterAll(async () => {
      recordResults(
        `releases-${databaseId}`,
        `Release routes on ${databaseId}`,
        run,
      );
      await backend?.stop();
    });

    const release = () => pathSegment(backend.ids.releases);

    it('POST /releases', async () => {
      const valid = fc.record(
        {
          title: validText,
          version: fc.constantFrom('1.0.0', '2.3.4-rc.1', 'v5'),
          type: fc.constantFrom(
            'standard',
            'normal',
            'emergency',
            'hotfix',
            'security',
          ),
          window: validWindow,
          entityRefs: validComponents,
          ownerRef: fc.constantFrom(...REFS.groups),
          description: fc.constantFrom(
            '',
            'Faster **checkout**.',
            '<b>bold</b>',
          ),
          rollbackPlan: fc.constantFrom('', 'Roll back with helm.'),
          changes: fc.array(validChange, { maxLength: 3 }),
          after: fc.subarray(backend.ids.releases, { maxLength: 2 }),
        },
        { requiredKeys: ['title', 'version', 'type', 'window', 'entityRefs'] },
      );
      await expect(
        run.check(
          'POST /releases',
          'post',
          fc.record({
            path: fc.constant('/releases'),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('PATCH /releases/{id}', async () => {
      const valid = fc.record(
        {
          revision: fc.integer({ min: 1, max: 8 }),
          title: validText,
          version: fc.constantFrom('1.0.1', '9.9.9'),
          type: fc.constantFrom('normal', 'hotfix'),
          window: validWindow,
          entityRefs: validComponents,
          description: fc.constantFrom('', 'Updated.'),
          rollbackPlan: fc.constantFrom('', 'Revert.'),
          changes: fc.array(validChange, { maxLength: 2 }),
          after: fc.subarray(backend.ids.releases, { maxLength: 2 }),
        },
        { requiredKeys: ['revision', 'title'] },
      );
      await expect(
        run.check(
          'PATCH /releases/{id}',
          'patch',
          fc.record({
            path: release().map(id => `/releases/${id}`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/transition', async () => {
      const valid = fc.record(
        {
          to: fc.constantFrom(
            'draft',
            'planned',
            'approved',
            'in_progress',
            'released',
            'verified',
            'rolled_back',
            'cancelled',
          ),
          reason: validText,
          override: validText.map(reason => ({ reason })),
        },
        { requiredKeys: ['to'] },
      );
      await expect(
        run.check(
          'POST /releases/{id}/transition',
          'post',
          fc.record({
            path: release().map(id => `/releases/${id}/transition`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/approvals', async () => {
      const valid = fc.record(
        { decision: fc.constantFrom('approve', 'reject'), comment: validText },
        { requiredKeys: ['decision'] },
      );
      await expect(
        run.check(
          'POST /releases/{id}/approvals',
          'post',
          fc.record({
            path: release().map(id => `/releases/${id}/approvals`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/readiness/items/{itemId}', async () => {
      const valid = fc.record(
        {
          checked: fc.boolean(),
          evidence: fc.constantFrom(
            'https://ci.example.com/runs/1',
            'http://wiki.example.com/x',
          ),
        },
        { requiredKeys: ['checked'] },
      );
      await expect(
        run.check(
          'POST /releases/{id}/readiness/items/{itemId}',
          'post',
          fc.record({
            path: fc
              .tuple(release(), pathSegment(ITEMS))
              .map(([id, item]) => `/releases/${id}/readiness/items/${item}`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/freeze-override', async () => {
      await expect(
        run.check(
          'POST /releases/{id}/freeze-override',
          'post',
          fc.record({
            path: release().map(id => `/releases/${id}/freeze-override`),
            body: hostileBody(fc.record({ reason: validText })),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/risk-override', async () => {
      const valid = fc.record({
        level: fc.constantFrom('low', 'medium', 'high', 'critical'),
        reason: validText,
      });
      await expect(
        run.check(
          'POST /releases/{id}/risk-override',
          'post',
          fc.record({
            path: release().map(id => `/releases/${id}/risk-override`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/train-slot', async () => {
      const slotStarts: string[] = [];
      for (const trainId of backend.ids.trains) {
        const slots = await request(backend.server).get(
          `${API}/trains/${trainId}/slots?count=5`,
        );
        slotStarts.push(
          ...slots.body.items.map((s: { start: string }) => s.start),
        );
      }
      const valid = fc.record({
        trainId: fc.constantFrom(...backend.ids.trains),
        slotStart: fc.oneof(fc.constantFrom(...slotStarts), nearTimestamp()),
      });
      await expect(
        run.check(
          'POST /releases/{id}/train-slot',
          'post',
          fc.record({
            path: release().map(id => `/releases/${id}/train-slot`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/handover', async () => {
      const valid = fc.record(
        {
          toGroupRef: fc.constantFrom(...REFS.groups),
          reason: validText,
        },
        { requiredKeys: ['toGroupRef'] },
      );
      await expect(
        run.check(
          'POST /releases/{id}/handover',
          'post',
          fc.record({
            path: release().map(id => `/releases/${id}/handover`),
            body: hostileBody(valid),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('POST /releases/{id}/handover/accept', async () => {
      await expect(
        run.check(
          'POST /releases/{id}/handover/accept',
          'post',
          fc.record({
            path: release().map(id => `/releases/${id}/handover/accept`),
            body: hostileBody(fc.constant({})),
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it('DELETE /releases/{id}/approvals/{groupRef}', async () => {
      await expect(
        run.check(
          'DELETE /releases/{id}/approvals/{groupRef}',
          'delete',
          fc.record({
            path: fc
              .tuple(release(), pathSegment(REFS.groups))
              .map(([id, group]) => `/releases/${id}/approvals/${group}`),
            body: deleteBody,
          }),
        ),
      ).resolves.toBe(RUNS_PER_ENDPOINT);
    });

    it.each(['freeze-override', 'risk-override', 'train-slot', 'handover'])(
      'DELETE /releases/{id}/%s',
      async sub => {
        await expect(
          run.check(
            `DELETE /releases/{id}/${sub}`,
            'delete',
            fc.record({
              path: release().map(id => `/releases/${id}/${sub}`),
              body: deleteBody,
            }),
          ),
        ).resolves.toBe(RUNS_PER_ENDPOINT);
      },
    );
  },
);
