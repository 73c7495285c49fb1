import fs from 'node:fs';
import path from 'node:path';
import { readConfigDeclaration, readJsonSchema } from './declaredKeys';
import { SourceText } from './readProgram';

/** The plugins folder of the repository. */
export const PLUGINS = path.resolve(__dirname, '../../../..');

/** The packages whose code reads config, by folder, and where they run. */
export const PACKAGES = {
  'release-coordination': 'frontend',
  'release-coordination-common': 'frontend and backend',
  'release-coordination-backend': 'backend',
  'scaffolder-backend-module-release-coordination': 'backend',
  'search-backend-module-release-coordination': 'backend',
} as const;

/** Package names the sources import each other by, and their entry files. */
export const PACKAGE_ALIASES = Object.fromEntries(
  Object.keys(PACKAGES).map(folder => [
    `@internal/plugin-${folder}`,
    path.join(PLUGINS, folder, 'src/index.ts'),
  ]),
);

const TEST_ONLY =
  /(\.test\.tsx?|\.stories\.tsx?|\/setupTests\.ts|\/__(testUtils|fixtures|mocks)__\/.*)$/;

function sourcesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.tsx?$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts') &&
      !TEST_ONLY.test(full)
      ? [full]
      : [];
  });
}

/** The shipped (non-test) sources of the four plugin packages. */
export function pluginSources(): SourceText[] {
  return Object.keys(PACKAGES)
    .flatMap(folder => sourcesUnder(path.join(PLUGINS, folder, 'src')))
    .map(fileName => ({ fileName, text: fs.readFileSync(fileName, 'utf8') }));
}

/** The package folder a file belongs to. */
export function packageOf(fileName: string): keyof typeof PACKAGES {
  const folder = path.relative(PLUGINS, fileName).split(path.sep)[0];
  if (!(folder in PACKAGES)) throw new Error(`${fileName} is in no package`);
  return folder as keyof typeof PACKAGES;
}

/**
 * The keys an installed package's published schema (`config.schema.json`)
 * declares, the package looked up from `folder` as Node.js would.
 */
export function installedSchemaKeys(packageName: string, folder: string) {
  for (let dir = folder; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const packageDir = path.join(dir, 'node_modules', packageName);
    if (fs.existsSync(path.join(packageDir, 'package.json'))) {
      const { configSchema } = JSON.parse(
        fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
      );
      const file = path.join(packageDir, configSchema);
      return readJsonSchema(
        packageName,
        JSON.parse(fs.readFileSync(file, 'utf8')),
      );
    }
  }
  throw new Error(`${packageName} is not installed above ${folder}`);
}

/** The keys a plugin's `config.d.ts` declares. */
export function pluginSchemaKeys(folder: keyof typeof PACKAGES) {
  const file = path.join(PLUGINS, folder, 'config.d.ts');
  return readConfigDeclaration(
    path.relative(PLUGINS, file),
    fs.readFileSync(file, 'utf8'),
  );
}
