import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { portalTestBackend } from '../__testUtils__/portalTestBackend';
import { demoCatalogEntities } from './__testUtils__/demoCatalog';

jest.setTimeout(120_000);

const portal = portalTestBackend();

/** The demo portal's own `releaseCoordination` config. */
const appConfig = parse(
  readFileSync(resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
).releaseCoordination;

/** States a release reaches only on the approvals it needs. */
const APPROVED_STATES = [
  'approved',
  'in_progress',
  'released',
  'verified',
  'rolling_back',
  'rolled_back',
];

describe('demo data', () => {
  it('agrees with the rules: every approved release has its approvals and no unresolved blocking conflict', async () => {
    const backend = await portal.start({
      entities: demoCatalogEntities(),
      config: {
        releaseCoordination: { ...appConfig, demoData: { seed: true } },
      },
    });
    const reader = backend.as('user:default/alice');
    const list = await reader.get('/releases?limit=200&order=asc');
    expect(list.status).toBe(200);
    const approved = list.body.items.filter((r: { state: string }) =>
      APPROVED_STATES.includes(r.state),
    );
    expect(approved.length).toBeGreaterThanOrEqual(10);
    const problems: string[] = [];
    for (const release of approved) {
      const approvals = await reader.get(`/releases/${release.id}/approvals`);
      expect(approvals.status).toBe(200);
      if (approvals.body.pending.length || approvals.body.rejected) {
        problems.push(
          `${release.title} (${
            release.state
          }): pending ${approvals.body.pending.join(', ')}`,
        );
      }
      if (release.state === 'approved' || release.state === 'in_progress') {
        const blocking = (release.conflicts ?? []).filter(
          (c: { severity: string; kind: string }) =>
            c.severity === 'blocking' &&
            !(c.kind === 'freeze' && release.freezeOverride),
        );
        for (const c of blocking) {
          problems.push(`${release.title} (${release.state}): ${c.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
