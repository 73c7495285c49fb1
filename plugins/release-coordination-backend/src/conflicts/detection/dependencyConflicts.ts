import {
  Conflict,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { DependencyGraph } from '../../catalogGraph/DependencyGraph';
import { SystemEntry } from './ActiveReleases';
import { Findings, pairKey } from './Findings';
import { Accumulator, Item, ordered } from './model';
import { conflictBase, conflictId, name, span } from './wording';

/**
 * A starting release and the open ones changing an entity that its entity
 * `ref` depends on, or that depends on it. Named by the first found.
 */
export function recordDependencies(
  findings: Findings,
  graph: DependencyGraph,
  item: Item,
  ref: string,
  byEntity: Map<string, Set<Item>>,
) {
  // this release's entity depends on the other's, or the other way round
  const recordDependency = (
    other: Item,
    target: string,
    dependent: boolean,
  ) => {
    const [from, to] = dependent ? [ref, target] : [target, ref];
    findings.record(
      pairKey('dependency', item.release, other.release),
      'dependency',
      ordered(item, other),
      [from, to],
      `${entityName(from)} depends on ${entityName(to)}`,
    );
  };
  const dependencies = byEntity.size ? graph.dependenciesOf(ref) : [];
  const dependents = byEntity.size ? graph.dependentsOf(ref) : [];
  if (dependencies.length + dependents.length <= byEntity.size) {
    for (const [targets, dependent] of [
      [dependencies, true],
      [dependents, false],
    ] as const) {
      for (const target of targets) {
        for (const other of byEntity.get(target) ?? []) {
          if (other !== item) recordDependency(other, target, dependent);
        }
      }
    }
    return;
  }
  // fewer entities are active than related: look those up instead, and
  // record in the order of the loops above (the first found is named)
  const hits: [number, string, Item, boolean][] = [];
  const dependencyAt = graph.dependencyPositions(ref);
  const dependentAt = graph.dependentPositions(ref);
  for (const [target, others] of byEntity) {
    const asDependency = dependencyAt.get(target);
    const asDependent = dependentAt.get(target);
    for (const other of others) {
      if (other === item) continue;
      if (asDependency !== undefined) {
        hits.push([asDependency, target, other, true]);
      }
      if (asDependent !== undefined) {
        hits.push([dependencies.length + asDependent, target, other, false]);
      }
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  for (const [, target, other, dependent] of hits) {
    recordDependency(other, target, dependent);
  }
}

/** A starting release and the open ones changing another part of the system of its entity `ref`. */
export function recordSystemSiblings(
  findings: Findings,
  graph: DependencyGraph,
  item: Item,
  ref: string,
  bySystem: Map<string, Set<SystemEntry>>,
) {
  const system = graph.systemOf(ref);
  if (!system) return;
  for (const [other, otherRef] of bySystem.get(system) ?? []) {
    if (other === item || otherRef === ref) continue;
    findings.record(
      pairKey('dependency', item.release, other.release),
      'dependency',
      ordered(item, other),
      [ref, otherRef],
      `${entityName(ref)} and ${entityName(
        otherRef,
      )} are both part of ${entityName(system)}`,
    );
  }
}

/** Two overlapping releases of related entities. */
export function describeDependency(acc: Accumulator): Conflict {
  const base = conflictBase(acc);
  const [a, b] = acc.releases;
  return {
    ...base,
    id: conflictId('dependency', base.releaseIds),
    message: `Releases ${name(a)} (${span(a)}) and ${name(b)} (${span(
      b,
    )}) overlap, and ${acc.detail}.`,
    suggestion: `Release them one after the other: move one of them, and declare the order with "after" on the later one.`,
  };
}
