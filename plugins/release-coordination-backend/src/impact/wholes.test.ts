import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { testEntity } from '../catalogGraph/testCatalog';
import { RiskOverrideStore } from '../database/DatabaseRiskOverrideStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseService } from '../releases/ReleaseService';
import { ImpactService } from './ImpactService';
import { catalogReadPermissions } from './__testUtils__/catalogReadPermissions';

// domain:shop ← system:store ← component:web, which depends on resource:db
// (db has no system); a chain x1 → … → x6 of components in system:deep
// (domain:far) depends on component:core
const entities = [
  testEntity('domain:default/shop'),
  testEntity('system:default/store', {
    relations: [['partOf', 'domain:default/shop']],
  }),
  testEntity('component:default/web', {
    relations: [
      ['partOf', 'system:default/store'],
      ['dependsOn', 'resource:default/db'],
    ],
  }),
  testEntity('resource:default/db'),
  testEntity('domain:default/far'),
  testEntity('system:default/deep', {
    relations: [['partOf', 'domain:default/far']],
  }),
  testEntity('component:default/core'),
  ...[1, 2, 3, 4, 5, 6].map(i =>
    testEntity(`component:default/x${i}`, {
      relations: [
        ['partOf', 'system:default/deep'],
        [
          'dependsOn',
          i === 1 ? 'component:default/core' : `component:default/x${i - 1}`,
        ],
      ],
    }),
  ),
];

function service() {
  return new ImpactService({
    catalog: new CatalogModel({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions: catalogReadPermissions(AuthorizeResult.ALLOW),
    }),
    releases: {} as ReleaseService,
    store: {} as ReleaseStore,
    overrides: {} as RiskOverrideStore,
  });
}

const refs = (items: { ref: string }[]) => items.map(i => i.ref);

describe('systems and domains of an impact (#10 defect 1)', () => {
  it('counts the system and domain of every affected entity, at any depth', async () => {
    const report = await service().planImpact(
      { entityRefs: ['resource:default/db'], changes: [], maxDepth: 1 },
      mockCredentials.user(),
    );
    expect(report.dependents.map(d => d.entityRef)).toEqual([
      'component:default/web',
    ]);
    expect(refs(report.systems)).toEqual(['system:default/store']);
    expect(refs(report.domains)).toEqual(['domain:default/shop']);
  });

  it('keeps the domain of the last entity of a chain as long as the depth', async () => {
    const report = await service().planImpact(
      { entityRefs: ['component:default/core'], changes: [], maxDepth: 6 },
      mockCredentials.user(),
    );
    expect(report.dependents.map(d => d.entityRef)).toContain(
      'component:default/x6',
    );
    expect(refs(report.systems)).toEqual(['system:default/deep']);
    expect(refs(report.domains)).toEqual(['domain:default/far']);
  });

  it('gives a changed entity its system and domain', async () => {
    const report = await service().planImpact(
      { entityRefs: ['component:default/web'], changes: [], maxDepth: 1 },
      mockCredentials.user(),
    );
    expect(report.changed[0]).toMatchObject({
      system: 'system:default/store',
      domain: 'domain:default/shop',
    });
  });
});
