/*
 * A catalog file for the navigation benchmark's impact graph at scale: a
 * component that 500 others reach. `bench-hub` has 20 direct dependents, each
 * with 24 of its own, all in one System and owned by the demo's groups, so a
 * change to the hub draws a graph of 500 dependents (plus the System and the
 * owners).
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs packages/app/bench/scaleCatalog.ts <file>
 */
import fs from 'node:fs';
import path from 'node:path';

/** The System of the scale graph. */
export const SCALE_SYSTEM = 'bench-scale';
/** The component whose Impact tab the benchmark times. */
export const SCALE_HUB = 'bench-hub';
const MIDDLE = 20;
const LEAVES_PER_MIDDLE = 24;
const OWNERS = [
  'checkout-team',
  'payments-team',
  'storefront-team',
  'search-team',
  'platform-team',
];

/** The refs of every dependent of the hub, in the order of the file. */
export function scaleDependents(): string[] {
  const refs: string[] = [];
  for (let m = 0; m < MIDDLE; m++) {
    refs.push(`component:default/bench-mid-${m}`);
    for (let l = 0; l < LEAVES_PER_MIDDLE; l++) {
      refs.push(`component:default/bench-leaf-${m}-${l}`);
    }
  }
  return refs;
}

function component(name: string, index: number, dependsOn?: string): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: group:default/${OWNERS[index % OWNERS.length]}`,
    `  system: ${SCALE_SYSTEM}`,
    ...(dependsOn
      ? ['  dependsOn:', `    - component:default/${dependsOn}`]
      : []),
  ].join('\n');
}

/** The catalog file's text: the System, the hub and its 500 dependents. */
export function scaleCatalogYaml(): string {
  const docs = [
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata:',
      `  name: ${SCALE_SYSTEM}`,
      'spec:',
      '  owner: group:default/platform-team',
    ].join('\n'),
    component(SCALE_HUB, 0),
  ];
  scaleDependents().forEach((ref, index) => {
    const name = ref.split('/')[1];
    const middle = name.match(/^bench-leaf-(\d+)-/);
    docs.push(
      component(name, index, middle ? `bench-mid-${middle[1]}` : SCALE_HUB),
    );
  });
  return `${docs.join('\n---\n')}\n`;
}

if (require.main === module) {
  const file = process.argv[2];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, scaleCatalogYaml());
  console.log(`${scaleDependents().length + 2} entities written to ${file}`); // eslint-disable-line no-console
}
