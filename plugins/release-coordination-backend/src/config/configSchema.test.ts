import { loadConfigSchema } from '@backstage/config-loader';
import { checkReads, whereRead } from './__testUtils__/checkReads';
import { ConfigRead, findConfigReads } from './__testUtils__/configReads';
import { formatPath } from './__testUtils__/declaredKeys';
import {
  installedSchemaKeys,
  PACKAGE_ALIASES,
  PACKAGES,
  packageOf,
  PLUGINS,
  pluginSchemaKeys,
  pluginSources,
} from './__testUtils__/pluginSources';

// `config.d.ts` declares every key the plugins read (#15). The reads are
// found in the code of all five packages with the TypeScript compiler; every
// read must be declared, with a description, and what the frontend reads
// must be `@visibility frontend` in the frontend plugin's own schema: an app
// collects the schemas of its own dependencies only, and those do not
// include the backend plugin.

const scan = findConfigReads(pluginSources(), PACKAGE_ALIASES);
const backendSchema = pluginSchemaKeys('release-coordination-backend');
const frontendSchema = pluginSchemaKeys('release-coordination');
const backendKeys = [
  ...backendSchema,
  ...pluginSchemaKeys('search-backend-module-release-coordination'),
  // app.baseUrl, backend.*: what every backend declares
  ...installedSchemaKeys('@backstage/backend-defaults', PLUGINS),
];
const frontendKeys = [
  ...frontendSchema,
  ...installedSchemaKeys('@backstage/core-app-api', PLUGINS),
];

function readsIn(side: 'frontend' | 'backend') {
  return scan.reads.filter(read =>
    PACKAGES[packageOf(read.fileName)].includes(side),
  );
}

const keysOf = (reads: ConfigRead[]) => [
  ...new Set(reads.map(read => formatPath(read.path))),
];

describe('config schema (config.d.ts)', () => {
  it('resolves every config read of the five packages', () => {
    // a read whose key the scan cannot work out statically is listed here
    expect(scan.unresolved).toEqual([]);
  });

  it('finds the reads of all five packages, nested and indirect ones too', () => {
    const keys = keysOf(scan.reads);
    expect(keys).toEqual(
      expect.arrayContaining([
        // literal keys, and keys held in constants (also imported ones)
        'releaseCoordination.rollback.deciders',
        'releaseCoordination.timeHorizonYears',
        'releaseCoordination.links.allowedSchemes',
        'releaseCoordination.escalation.rules',
        'releaseCoordination.standardChanges',
        // on sub-configs, items of config arrays and keys listed by keys()
        'releaseCoordination.verification.escalateAfter',
        'releaseCoordination.verification.httpChecker.metrics.*.urlTemplate',
        'releaseCoordination.readiness.riskReviewLevel',
        'releaseCoordination.readiness.templates.*[].label',
        'releaseCoordination.approvals.emergencyFollowUp.days',
        'releaseCoordination.standardChanges[].changeKinds',
        'releaseCoordination.risk.dependents[].min',
        'releaseCoordination.risk.tierPoints.*',
        // through parameters: `rules.${id}` over a constant list, `${key}.dueDays`
        'releaseCoordination.risk.rules.blocking-conflict',
        'releaseCoordination.risk.freeze.marginHours',
        'releaseCoordination.reviews.requiredSeverities',
        'releaseCoordination.reviews.dueDays',
        'app.baseUrl',
        // the search module's own schema
        'search.collators.releaseCoordination.schedule',
        'search.collators.releaseCoordination.locationTemplate',
      ]),
    );
    expect(keys.length).toBeGreaterThanOrEqual(70);
    expect(keysOf(readsIn('frontend'))).toEqual(
      expect.arrayContaining([
        'releaseCoordination.links.allowedSchemes',
        'releaseCoordination.lifecycle.startLeadMinutes',
      ]),
    );
    const readingPackages = new Set(scan.reads.map(r => packageOf(r.fileName)));
    expect([...readingPackages].sort()).toEqual([
      'release-coordination',
      'release-coordination-backend',
      'scaffolder-backend-module-release-coordination',
      'search-backend-module-release-coordination',
    ]);
  });

  it('declares every key the backend code reads', () => {
    expect(
      checkReads(readsIn('backend'), backendKeys, {
        frontend: false,
        root: PLUGINS,
      }),
    ).toEqual([]);
  });

  it('declares every key the frontend code reads, visible to the frontend', () => {
    expect(
      checkReads(readsIn('frontend'), frontendKeys, {
        frontend: true,
        root: PLUGINS,
      }),
    ).toEqual([]);
  });

  it('describes every declared key', () => {
    const undescribed = [...backendSchema, ...frontendSchema]
      .filter(key => key.named && !key.description)
      .map(key => `${formatPath(key.path)} (${key.location})`);
    expect(undescribed).toEqual([]);
  });

  it('gives a key both schemas declare the same visibility', () => {
    // Backstage refuses a merged schema whose visibilities disagree
    const conflicts = frontendSchema.flatMap(key => {
      const other = backendSchema.find(
        b => formatPath(b.path) === formatPath(key.path),
      );
      return other && other.visibility !== key.visibility
        ? [`${formatPath(key.path)}: ${key.location}, ${other.location}`]
        : [];
    });
    expect(conflicts).toEqual([]);
  });

  it('delivers every value the frontend reads to the frontend', async () => {
    // what Backstage's own loader keeps for the frontend from the schemas
    // of the frontend plugin and its dependencies
    const schema = await loadConfigSchema({
      dependencies: ['@internal/plugin-release-coordination'],
    });
    const values = readsIn('frontend').filter(read => !read.section);
    const data = {};
    for (const read of values) setSample(data, read);
    const [visible] = schema.process([{ data, context: 'sample' }], {
      visibility: ['frontend'],
      ignoreSchemaErrors: true,
    });
    const missing = values
      .filter(read => sampleAt(visible?.data, read.path) === undefined)
      .map(read => `${formatPath(read.path)} (${whereRead(read, PLUGINS)})`);
    expect(missing).toEqual([]);
  }, 60_000);
});

describe('the config read check', () => {
  // the same check over a small fixture, so that it cannot pass by finding nothing
  const files = [
    {
      fileName: '/fixture/src/readiness.ts',
      text: `
        import { Config } from '@backstage/config';
        import { KEY } from './keys';
        export function readReadiness(config: Config) {
          const readiness = config.getOptionalConfig(KEY);
          return {
            level: readiness?.getOptionalString('riskReviewLevel'),
            minApprovals: readiness?.getOptionalNumber('minApprovals'),
            paused: config.getOptionalBoolean('releaseCoordination.paused'),
            dynamic: readKey(config, process.env.KEY!),
          };
        }
        function readKey(config: Config, key: string) {
          return config.getOptionalString(key);
        }
      `,
    },
    {
      fileName: '/fixture/src/keys.ts',
      text: `export const KEY = 'releaseCoordination.readiness';`,
    },
    {
      fileName: '/fixture/src/StartButton.tsx',
      text: `
        import { configApiRef, useApi } from '@backstage/core-plugin-api';
        export function useLead() {
          const config = useApi(configApiRef);
          return config.getOptionalNumber('releaseCoordination.impact.maxDepth');
        }
      `,
    },
  ];
  const fixture = findConfigReads(files);
  const reads = (fileName: string) =>
    fixture.reads.filter(read => read.fileName === fileName);

  it('reports undeclared keys, also nested ones read on a sub-config', () => {
    expect(
      checkReads(reads('/fixture/src/readiness.ts'), backendSchema, {
        frontend: false,
        root: '/fixture',
      }),
    ).toEqual([
      'releaseCoordination.readiness.minApprovals (getOptionalNumber at src/readiness.ts:8) is not declared',
      'releaseCoordination.paused (getOptionalBoolean at src/readiness.ts:9) is not declared',
    ]);
    expect(keysOf(fixture.reads)).toContain(
      'releaseCoordination.readiness.riskReviewLevel',
    );
  });

  it('reports a read whose key it cannot work out', () => {
    expect(fixture.unresolved).toEqual([
      expect.stringMatching(
        /^\/fixture\/src\/readiness.ts:14 `config.getOptionalString\(key\)`: /,
      ),
    ]);
  });

  it('reports a value the frontend reads that is not visible to it', () => {
    expect(
      checkReads(reads('/fixture/src/StartButton.tsx'), backendSchema, {
        frontend: true,
        root: '/fixture',
      }),
    ).toEqual([
      expect.stringMatching(
        /^releaseCoordination.impact.maxDepth .* is read by frontend code but is not @visibility frontend/,
      ),
    ]);
  });
});

const SAMPLES: Record<string, unknown> = {
  Number: 1,
  Boolean: true,
  String: 'x',
  StringArray: ['x'],
};

/** Puts a value of the read's type at its path (`*` as `x`, `[]` as one item). */
function setSample(data: Record<string, any>, read: ConfigRead) {
  const type = read.method.replace(/^get(Optional)?/, '');
  let node: any = data;
  read.path.forEach((segment, i) => {
    const last = i === read.path.length - 1;
    const key = segment === '[]' ? 0 : segment.replace('*', 'x');
    const next = read.path[i + 1] === '[]' ? [] : {};
    if (last) node[key] = SAMPLES[type] ?? 'x';
    else node = node[key] ??= next;
  });
}

function sampleAt(data: unknown, path: string[]): unknown {
  return path.reduce<any>(
    (node, segment) => node?.[segment === '[]' ? 0 : segment.replace('*', 'x')],
    data,
  );
}
