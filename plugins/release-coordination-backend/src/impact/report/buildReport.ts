import { InputError } from '@backstage/errors';
import {
  ImpactDependent,
  ImpactEntity,
  ImpactReport,
  RiskAssessment,
} from '@internal/plugin-release-coordination-common';
import { pathTo } from '../../catalogGraph/traverse';
import { Analysis, WHOLE_KINDS } from '../analysis';
import { buildImpactGraph } from './buildImpactGraph';
import { describer, describeRef } from './describeEntity';

const byRef = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Assembles the report from what the user may read; with `strict`, changed refs they cannot read are a 400. */
export function buildReport(
  analysis: Analysis,
  risk: RiskAssessment,
  visible: Set<string>,
  options: { strict: boolean },
): ImpactReport {
  const { graph, traversal } = analysis;
  const unknown = analysis.refs.filter(ref => !visible.has(ref));
  if (options.strict && unknown.length > 0) {
    throw new InputError(
      `Unknown entity refs, not in the catalog: ${unknown.join(', ')}`,
    );
  }
  const isVisible = (node: number) => visible.has(graph.refs[node]);
  const shown = shownNodes(analysis, isVisible);
  const entity = describer(graph, visible);
  const changed: ImpactEntity[] = analysis.refs
    .filter(ref => visible.has(ref))
    .map(ref => {
      const node = graph.indexOf(ref);
      return node >= 0 ? entity(node) : describeRef(ref);
    });
  return {
    changed,
    dependents: dependentsOf(analysis, shown, entity),
    apiConsumers: traversal.apiConsumers
      .filter(([api, consumer]) => isVisible(api) && isVisible(consumer))
      .map(([api, consumer]) => ({
        apiRef: graph.refs[api],
        consumerRef: graph.refs[consumer],
        breaking: analysis.breakingApis.has(api),
      })),
    systems: countByWhole(analysis, shown, isVisible, n => graph.systemOf[n]),
    domains: countByWhole(analysis, shown, isVisible, n => graph.domainOf[n]),
    ...groupings(analysis, shown, visible),
    maxDepth: analysis.maxDepth,
    truncated: traversal.truncated,
    graph: buildImpactGraph(graph, analysis, shown, visible, entity),
    risk,
  };
}

/** The reached nodes shown: those that, with everything on their path, may be read. */
function shownNodes(
  analysis: Analysis,
  isVisible: (node: number) => boolean,
): Set<number> {
  const shown = new Set<number>();
  // reached in traversal order: a parent is decided before its children
  for (const [node, step] of analysis.traversal.reached) {
    const parentShown = step.parent < 0 || shown.has(step.parent);
    const apiVisible = step.api < 0 || isVisible(step.api);
    if (isVisible(node) && parentShown && apiVisible) shown.add(node);
  }
  return shown;
}

function dependentsOf(
  analysis: Analysis,
  shown: Set<number>,
  entity: (node: number) => ImpactEntity,
): ImpactDependent[] {
  const { graph } = analysis;
  const { reached } = analysis.traversal;
  const dependents: ImpactDependent[] = [];
  shown.forEach(node => {
    const step = reached.get(node)!;
    if (step.depth === 0) return;
    const { entityRef, owner, ownerNotInCatalog, system } = entity(node);
    const dependent: ImpactDependent = {
      entityRef,
      depth: step.depth,
      path: pathTo(graph, reached, node),
      via: step.via,
      high: step.high,
    };
    if (owner !== undefined) dependent.owner = owner;
    if (ownerNotInCatalog) dependent.ownerNotInCatalog = true;
    if (system !== undefined) dependent.system = system;
    dependents.push(dependent);
  });
  return dependents;
}

/** How many shown entities (systems and domains themselves aside) each visible system or domain holds, most first. */
function countByWhole(
  analysis: Analysis,
  shown: Set<number>,
  isVisible: (node: number) => boolean,
  wholeOf: (node: number) => number,
): { ref: string; count: number }[] {
  const { graph } = analysis;
  const counts = new Map<string, number>();
  for (const node of shown) {
    const whole = wholeOf(node);
    if (WHOLE_KINDS.has(graph.kinds[node]) || whole < 0) continue;
    if (!isVisible(whole)) continue;
    const ref = graph.refs[whole];
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return [...counts]
    .map(([ref, n]) => ({ ref, count: n }))
    .sort((a, b) => b.count - a.count || a.ref.localeCompare(b.ref));
}

/** The shown entities by visible owner and by audience, and the missing targets they name. */
function groupings(
  analysis: Analysis,
  shown: Set<number>,
  visible: Set<string>,
): Pick<ImpactReport, 'owners' | 'audiences' | 'missing'> {
  const { graph } = analysis;
  const owners = new Map<string, string[]>();
  const audiences = new Map<string, string[]>();
  const missing = new Set<string>();
  for (const node of shown) {
    const owner = graph.owners[node];
    if (owner && visible.has(owner)) byRef(owners, owner, graph.refs[node]);
    for (const audience of graph.audiences[node] ?? []) {
      byRef(audiences, audience, graph.refs[node]);
    }
    for (const target of graph.missingTargets.get(node) ?? []) {
      missing.add(target);
    }
  }
  return {
    owners: [...owners]
      .map(([groupRef, entityRefs]) => ({ groupRef, entityRefs }))
      .sort((a, b) => a.groupRef.localeCompare(b.groupRef)),
    audiences: [...audiences]
      .map(([audience, entityRefs]) => ({ audience, entityRefs }))
      .sort((a, b) => a.audience.localeCompare(b.audience)),
    missing: [...missing].sort(),
  };
}
