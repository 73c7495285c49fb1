import {
  Release,
  periodText as period,
} from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from '../../catalogGraph/CatalogGraph';
import { DependencyGraph } from '../../catalogGraph/DependencyGraph';
import { detectConflicts } from '../ConflictDetector';

const ISO_INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d/;
const ENTITY_REF = /\b[a-z]+:[a-z0-9-]+\/[a-z0-9-]/i;

/** A planned release of the entities from 10:00 for `hours` on Dec 1, 2026. */
function planned(
  id: string,
  entityRefs: string[],
  hours: [number, number],
  after?: string[],
): Release {
  const at = (hour: number) =>
    `2026-12-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
  return {
    id,
    title: `Release ${id.toUpperCase()}`,
    version: '1.0.0',
    type: 'normal',
    state: 'planned',
    window: { start: at(hours[0]), end: at(hours[1]) },
    entityRefs,
    ownerRef: 'group:default/team-a',
    description: '',
    changes: [],
    createdBy: 'user:default/alice',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    revision: 1,
    ...(after && { after }),
  };
}

describe('conflict wording', () => {
  it('says periods in words, within a day and across days', () => {
    expect(period('2026-12-12T09:00:00.000Z', '2026-12-12T11:00:00.000Z')).toBe(
      'Sat Dec 12, 09:00–11:00 UTC',
    );
    expect(
      period(Date.parse('2026-12-11T15:00:00Z'), '2026-12-14T07:00:00Z'),
    ).toBe('Fri Dec 11, 15:00 – Mon Dec 14, 07:00 UTC');
  });

  it('words every kind of conflict without ISO instants, entity refs or ids', () => {
    const a = 'component:default/payments-service';
    const b = 'component:default/ledger';
    const graph = DependencyGraph.of(
      CatalogGraph.build([
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments-service', namespace: 'default' },
          spec: {},
          relations: [{ type: 'dependsOn', targetRef: b }],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'ledger', namespace: 'default' },
          spec: {},
        },
      ]),
    );
    const releases = [
      planned('r1', [a], [10, 12]),
      planned('r2', [a], [11, 13], ['r1']),
      planned('r3', [b], [10, 14]),
      planned('r4', ['component:default/search'], [10, 12]),
    ];
    const conflicts = detectConflicts({
      releases,
      graph,
      maxConcurrentPerOwner: 3,
      freezes: [
        {
          freezeId: 'f1',
          title: 'Weekend freeze',
          start: '2026-11-30T15:00:00.000Z',
          end: '2026-12-02T07:00:00.000Z',
          exemptTypes: [],
          entityRefs: [a],
        },
      ],
    });
    expect(new Set(conflicts.map(c => c.kind))).toEqual(
      new Set([
        'freeze',
        'same-entity',
        'dependency',
        'owner-overload',
        'ordering',
      ]),
    );
    for (const { message, suggestion } of conflicts) {
      for (const words of [message, suggestion]) {
        expect(words).not.toMatch(ISO_INSTANT);
        expect(words).not.toMatch(ENTITY_REF);
        expect(words).not.toMatch(/\br[1-4]\b/);
      }
    }
    const freeze = conflicts.find(c => c.kind === 'freeze')!;
    expect(freeze.message).toBe(
      'Release "Release R1" (normal, Tue Dec 1, 10:00–12:00 UTC) falls in freeze "Weekend freeze" (Mon Nov 30, 15:00 – Wed Dec 2, 07:00 UTC), which covers payments-service.',
    );
  });
});
