/*
 * Test-only: the demo catalog of `examples/` with the relations the catalog's
 * built-in processor derives from each entity's spec, so tests can run the
 * plugin over the same catalog the demo portal shows.
 */
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const EXAMPLES = resolve(__dirname, '../../../../../examples');

/** Spec fields and the relation (and its reverse) each one makes, with the default kind of its targets. */
const SPEC_RELATIONS: [string, string, string, string][] = [
  ['owner', 'ownedBy', 'ownerOf', 'group'],
  ['system', 'partOf', 'hasPart', 'system'],
  ['domain', 'partOf', 'hasPart', 'domain'],
  ['subcomponentOf', 'partOf', 'hasPart', 'component'],
  ['providesApis', 'providesApi', 'apiProvidedBy', 'api'],
  ['consumesApis', 'consumesApi', 'apiConsumedBy', 'api'],
  ['dependsOn', 'dependsOn', 'dependencyOf', 'component'],
  ['parent', 'childOf', 'parentOf', 'group'],
  ['memberOf', 'memberOf', 'hasMember', 'group'],
];

/** The entities of `examples/*.yaml`, with their relations. */
export function demoCatalogEntities(): Entity[] {
  const entities: Entity[] = readdirSync(EXAMPLES)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(readFileSync(resolve(EXAMPLES, file), 'utf8')).map(
        doc => doc.toJS() as Entity,
      ),
    )
    .filter(entity => entity?.kind && entity.kind !== 'Location')
    .map(entity => ({
      ...entity,
      metadata: { namespace: 'default', ...entity.metadata },
      relations: [],
    }));
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  for (const entity of entities) {
    const source = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    for (const [field, type, reverse, defaultKind] of SPEC_RELATIONS) {
      const value = (entity.spec as Record<string, unknown> | undefined)?.[
        field
      ];
      const targets = [value].flat().filter(Boolean);
      for (const target of targets as string[]) {
        const targetRef = stringifyEntityRef(
          parseEntityRef(target, {
            defaultKind,
            defaultNamespace: entity.metadata.namespace,
          }),
        ).toLocaleLowerCase('en-US');
        entity.relations!.push({ type, targetRef });
        byRef
          .get(targetRef)
          ?.relations!.push({ type: reverse, targetRef: source });
      }
    }
  }
  return entities;
}
