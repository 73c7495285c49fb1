import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { FreezeScope } from '@internal/plugin-release-coordination-common';

/**
 * Where an entity sits in the catalog, as far as freeze scopes care: the
 * systems and domains it is part of and the groups that own it.
 *
 * @public
 */
export interface EntityPlacement {
  entityRef: string;
  /** Whether the catalog knows the entity (as the caller sees it). */
  found: boolean;
  systems: Set<string>;
  domains: Set<string>;
  groups: Set<string>;
}

const ENTITY_FIELDS = [
  'kind',
  'metadata',
  'spec.system',
  'spec.owner',
  'spec.domain',
  'relations',
];

const lower = (value: string) => value.toLocaleLowerCase('en-US');

function normalise(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace }),
      ),
    );
  } catch {
    return undefined;
  }
}

const kindOf = (ref: string) => ref.slice(0, ref.indexOf(':'));

/** Targets of an entity's relations of a type that are of a kind. */
function related(entity: Entity, type: string, kind: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => lower(r.targetRef))
    .filter(ref => kindOf(ref) === kind);
}

/**
 * Resolves entities to their systems, domains and owning groups through the
 * catalog, at most two bulk requests however many entities are asked about.
 *
 * @public
 */
export class FreezeEvaluator {
  constructor(private readonly catalog: CatalogService) {}

  /** Where each of the given entities sits, keyed by its (normalised) ref. */
  async place(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, EntityPlacement>> {
    const refs = [...new Set(entityRefs.map(lower))];
    const placements = new Map<string, EntityPlacement>();
    if (refs.length === 0) return placements;

    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ENTITY_FIELDS },
      { credentials },
    );
    const systemsToLookUp = new Set<string>();
    refs.forEach((ref, index) => {
      const entity = items[index];
      const placement: EntityPlacement = {
        entityRef: ref,
        found: Boolean(entity),
        systems: new Set(),
        domains: new Set(),
        groups: new Set(),
      };
      placements.set(ref, placement);
      if (!entity) return;
      const kind = lower(entity.kind);
      const namespace = entity.metadata.namespace ?? 'default';
      if (kind === 'system') placement.systems.add(ref);
      if (kind === 'domain') placement.domains.add(ref);
      if (kind === 'group') placement.groups.add(ref);

      for (const system of [
        ...related(entity, 'partOf', 'system'),
        normalise(entity.spec?.system, 'system', namespace),
      ]) {
        if (system) placement.systems.add(system);
      }
      for (const domain of [
        ...related(entity, 'partOf', 'domain'),
        normalise(entity.spec?.domain, 'domain', namespace),
      ]) {
        if (domain) placement.domains.add(domain);
      }
      for (const owner of [
        ...related(entity, 'ownedBy', 'group'),
        normalise(entity.spec?.owner, 'group', namespace),
      ]) {
        if (owner && kindOf(owner) === 'group') placement.groups.add(owner);
      }
      for (const system of placement.systems) {
        if (system !== ref) systemsToLookUp.add(system);
      }
    });

    if (systemsToLookUp.size > 0) {
      const systemRefs = [...systemsToLookUp];
      const { items: systems } = await this.catalog.getEntitiesByRefs(
        { entityRefs: systemRefs, fields: ENTITY_FIELDS },
        { credentials },
      );
      const domainsOf = new Map<string, string[]>();
      systemRefs.forEach((ref, index) => {
        const system = systems[index];
        if (!system) return;
        const namespace = system.metadata.namespace ?? 'default';
        domainsOf.set(
          ref,
          [
            ...related(system, 'partOf', 'domain'),
            normalise(system.spec?.domain, 'domain', namespace),
          ].filter((d): d is string => Boolean(d)),
        );
      });
      for (const placement of placements.values()) {
        for (const system of placement.systems) {
          for (const domain of domainsOf.get(system) ?? []) {
            placement.domains.add(domain);
          }
        }
      }
    }
    return placements;
  }
}

/**
 * Whether a freeze scope covers an entity: everything, the entity itself, a
 * system or domain it is part of, or a group that owns it.
 *
 * @public
 */
export function scopeCovers(
  scope: FreezeScope,
  placement: EntityPlacement,
): boolean {
  return (
    scope.all ||
    scope.entities.includes(placement.entityRef) ||
    scope.systems.some(ref => placement.systems.has(ref)) ||
    scope.domains.some(ref => placement.domains.has(ref)) ||
    scope.groups.some(ref => placement.groups.has(ref))
  );
}

/**
 * The placements a scope covers, in their order: what filtering them with
 * `scopeCovers` gives, answered from an index of the placements by entity,
 * system, domain and group, so that many freezes can be matched against many
 * entities without testing every pair.
 *
 * @public
 */
export function coveredBy(
  placements: EntityPlacement[],
): (scope: FreezeScope) => EntityPlacement[] {
  const index = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  };
  placements.forEach((placement, i) => {
    add(`entity|${placement.entityRef}`, i);
    placement.systems.forEach(ref => add(`system|${ref}`, i));
    placement.domains.forEach(ref => add(`domain|${ref}`, i));
    placement.groups.forEach(ref => add(`group|${ref}`, i));
  });
  return scope => {
    if (scope.all) return placements;
    const found = new Set<number>();
    const collect = (kind: string, refs: string[]) => {
      for (const ref of refs) {
        for (const i of index.get(`${kind}|${ref}`) ?? []) found.add(i);
      }
    };
    collect('entity', scope.entities);
    collect('system', scope.systems);
    collect('domain', scope.domains);
    collect('group', scope.groups);
    return [...found].sort((a, b) => a - b).map(i => placements[i]);
  };
}
