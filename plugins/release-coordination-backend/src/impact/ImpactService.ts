import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  DEFAULT_IMPACT_DEPTH,
  MAX_IMPACT_DEPTH,
  ImpactDependent,
  ImpactEntity,
  ImpactGraphEdge,
  ImpactGraphNode,
  ImpactGraphRelation,
  ImpactInput,
  ImpactReport,
  Release,
  ReleaseChange,
  RiskAssessment,
  RiskLevel,
  UpcomingImpactItem,
  UpcomingImpactQuery,
} from '@internal/plugin-release-coordination-common';
import { CatalogGraph, Rel } from '../catalogGraph/CatalogGraph';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import {
  affectingOf,
  pathTo,
  Traversal,
  traverseImpact,
  withParts,
} from '../catalogGraph/traverse';
import { ConflictService } from '../conflicts/ConflictService';
import { RiskOverrideStore } from '../database/DatabaseRiskOverrideStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { NewReleaseEvent } from '../database/ReleaseStore';
import { ReleaseService } from '../releases/ReleaseService';
import {
  assessRisk,
  DEFAULT_RISK_CONFIG,
  RiskConfig,
  RiskInput,
} from './assessRisk';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far ahead `GET /impact/upcoming` looks by default. */
export const UPCOMING_DAYS = 60;
const WHOLE_KINDS = new Set(['System', 'Domain']);
const EDGE_RELATIONS: [Rel, ImpactGraphRelation][] = [
  ['dependsOn', 'dependsOn'],
  ['consumesApi', 'consumesApi'],
  ['providesApi', 'providesApi'],
  ['partOf', 'partOf'],
];

/** A traversal of the graph for some changed entities, before anything is filtered. */
interface Analysis {
  graph: CatalogGraph;
  /** Refs asked about, in order; some may not be in the graph (yet). */
  refs: string[];
  changed: number[];
  traversal: Traversal;
  breakingApis: Set<number>;
  maxDepth: number;
}

const byRef = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Impact of releases and plans on the catalog, their risk, risk overrides
 * and the upcoming releases touching a system, domain or entity.
 *
 * @public
 */
export class ImpactService {
  private readonly catalog: CatalogModel;
  private readonly releases: ReleaseService;
  private readonly store: ReleaseStore;
  private readonly overrides: RiskOverrideStore;
  private readonly conflicts?: ConflictService;
  private readonly freezes?: FreezeService;
  private readonly riskConfig: RiskConfig;
  private readonly defaultMaxDepth: number;
  private readonly now: () => Date;

  constructor(options: {
    catalog: CatalogModel;
    releases: ReleaseService;
    store: ReleaseStore;
    overrides: RiskOverrideStore;
    conflicts?: ConflictService;
    freezes?: FreezeService;
    riskConfig?: RiskConfig;
    defaultMaxDepth?: number;
    now?: () => Date;
  }) {
    this.catalog = options.catalog;
    this.releases = options.releases;
    this.store = options.store;
    this.overrides = options.overrides;
    this.conflicts = options.conflicts;
    this.freezes = options.freezes;
    this.riskConfig = options.riskConfig ?? DEFAULT_RISK_CONFIG;
    this.defaultMaxDepth = options.defaultMaxDepth ?? DEFAULT_IMPACT_DEPTH;
    if (
      !Number.isInteger(this.defaultMaxDepth) ||
      this.defaultMaxDepth < 1 ||
      this.defaultMaxDepth > MAX_IMPACT_DEPTH
    ) {
      throw new Error(
        `releaseCoordination.impact.maxDepth must be an integer from 1 to ${MAX_IMPACT_DEPTH}`,
      );
    }
    this.now = options.now ?? (() => new Date());
  }

  /** The impact of a plan not saved yet; refs the caller cannot see in the catalog are a 400. */
  async planImpact(
    input: ImpactInput,
    credentials: UserCredentials,
  ): Promise<ImpactReport> {
    const analysis = await this.analyse(
      input.entityRefs,
      input.changes,
      input.maxDepth,
    );
    const risk = assessRisk(
      this.riskInput(analysis, input.changes),
      this.riskConfig,
    );
    const changeRefs = input.changes.flatMap((change, i) =>
      change.entityRef ? [{ i, ref: change.entityRef }] : [],
    );
    const visible = await this.visibleRefs(
      [...candidateRefs(analysis), ...changeRefs.map(c => c.ref)],
      credentials,
    );
    const unknown = changeRefs.filter(c => !visible.has(c.ref));
    if (unknown.length > 0) {
      throw new InputError(
        unknown
          .map(c => `changes.${c.i}.entityRef: ${c.ref} is not in the catalog`)
          .join('; '),
      );
    }
    return report(analysis, risk, visible, { strict: true });
  }

  /** The impact and risk of a stored release, given as read already or by its id. */
  async releaseImpact(
    releaseOrId: Release | string,
    maxDepth: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<ImpactReport> {
    const release =
      typeof releaseOrId === 'string'
        ? await this.releases.getRelease(releaseOrId)
        : releaseOrId;
    const analysis = await this.analyse(
      release.entityRefs,
      release.changes,
      maxDepth,
    );
    // the read check and the risk inputs do not depend on each other
    const [visible, risk] = await Promise.all([
      this.visibleRefs(candidateRefs(analysis), credentials),
      this.releaseRisk(release, analysis, credentials),
    ]);
    return report(analysis, risk, visible, { strict: false });
  }

  /** Sets the risk level of a release instead of the computed one; owners only, recorded in its history. */
  async setRiskOverride(
    id: string,
    input: { level: RiskLevel; reason: string },
    credentials: UserCredentials,
  ): Promise<RiskAssessment> {
    const { release, before } = await this.changeableRisk(id, credentials);
    const override = {
      level: input.level,
      reason: input.reason,
      by: credentials.principal.userEntityRef,
      at: this.now().toISOString(),
    };
    const event: NewReleaseEvent = {
      action: 'risk-overridden',
      actorRef: override.by,
      createdAt: override.at,
      changes: [
        { field: 'riskLevel', before: before.level, after: input.level },
      ],
      reason: input.reason,
    };
    await this.overrides.setOverride(id, override, event);
    await this.releases.recordChange(release, event, credentials);
    return { ...before, level: input.level, override };
  }

  /** Removes the risk override of a release; returns the risk unchanged if it has none. */
  async clearRiskOverride(
    id: string,
    credentials: UserCredentials,
  ): Promise<RiskAssessment> {
    const { release, before } = await this.changeableRisk(id, credentials);
    if (!before.override) return before;
    const { override: _, ...rest } = before;
    const event: NewReleaseEvent = {
      action: 'risk-override-cleared',
      actorRef: credentials.principal.userEntityRef,
      createdAt: this.now().toISOString(),
      changes: [
        { field: 'riskLevel', before: before.level, after: rest.computedLevel },
      ],
    };
    await this.overrides.setOverride(release.id, null, event);
    await this.releases.recordChange(release, event, credentials);
    return { ...rest, level: rest.computedLevel };
  }

  /**
   * Upcoming (active) releases in a range that touch a system, domain or
   * entity itself, its parts, or anything they depend on transitively; every
   * upcoming release when none is given. Drafts are shown to their owners
   * only. Sorted by window start.
   */
  async upcoming(
    query: UpcomingImpactQuery,
    credentials: UserCredentials,
  ): Promise<UpcomingImpactItem[]> {
    const from = query.from ?? this.now().toISOString();
    const to =
      query.to ??
      new Date(Date.parse(from) + UPCOMING_DAYS * DAY_MS).toISOString();
    const graph = await this.catalog.graph();
    const target = query.system ?? query.domain ?? query.entityRef;
    let direct: Set<string> | undefined;
    let dependencies = new Set<string>();
    if (target) {
      const visible = await this.visibleRefs([target], credentials);
      if (!visible.has(target)) {
        throw new InputError(
          `Unknown entity refs, not in the catalog: ${target}`,
        );
      }
      // what the release impact of each release would reach: the inverse
      // traversal from the entity (a system or domain: from all its parts)
      const node = graph.indexOf(target);
      const wholes = ['System', 'Domain'].includes(graph.kinds[node]);
      const start = wholes ? withParts(graph, node) : new Set([node]);
      direct = new Set([target, ...[...start].map(i => graph.refs[i])]);
      dependencies = new Set(
        [
          ...affectingOf(
            graph,
            node >= 0 ? [...start] : [],
            this.defaultMaxDepth,
          ),
        ]
          .map(i => graph.refs[i])
          .filter(ref => !direct!.has(ref)),
      );
    }

    // drafts only for their owners, as everywhere releases are listed
    const releases = await this.releases.visibleReleases(
      await this.store.listActiveReleases({ from, to }),
      credentials,
    );
    const candidates = releases.flatMap(release => {
      const touchedDirect = release.entityRefs.filter(
        ref => !direct || direct.has(ref),
      );
      const touchedDependency = release.entityRefs.filter(ref =>
        dependencies.has(ref),
      );
      if (touchedDirect.length + touchedDependency.length === 0) return [];
      return [
        {
          release,
          touchedVia: touchedDirect.length
            ? ('direct' as const)
            : ('dependency' as const),
          touched: [...touchedDirect, ...touchedDependency].sort(),
        },
      ];
    });
    const visible = await this.visibleRefs(
      [...new Set(candidates.flatMap(c => c.touched))],
      credentials,
    );
    const shown = candidates
      .map(c => ({ ...c, touched: c.touched.filter(ref => visible.has(ref)) }))
      .filter(c => c.touched.length > 0);
    const risks = await this.releaseRisks(
      shown.map(c => c.release),
      graph,
      credentials,
    );
    return shown
      .map((c, i) => ({
        release: c.release,
        risk: { level: risks[i].level, computedLevel: risks[i].computedLevel },
        touchedVia: c.touchedVia,
        touchedEntities: c.touched,
        owners: [
          ...new Set([
            c.release.ownerRef,
            ...c.touched.flatMap(ref => {
              const owner = graph.owners[graph.indexOf(ref)];
              return owner ? [owner] : [];
            }),
          ]),
        ],
      }))
      .sort(
        (a, b) =>
          a.release.window.start.localeCompare(b.release.window.start) ||
          a.release.id.localeCompare(b.release.id),
      );
  }

  private async changeableRisk(id: string, credentials: UserCredentials) {
    const release = await this.releases.getRelease(id);
    await this.releases.authorizeChange(release, credentials);
    if (!ACTIVE_RELEASE_STATES.includes(release.state)) {
      throw new ConflictError(
        `Release in state "${release.state}" can no longer be changed`,
      );
    }
    const analysis = await this.analyse(
      release.entityRefs,
      release.changes,
      undefined,
    );
    return {
      release,
      before: await this.releaseRisk(release, analysis, credentials),
    };
  }

  private async analyse(
    refs: string[],
    changes: ReleaseChange[],
    maxDepth: number | undefined,
  ): Promise<Analysis> {
    const graph = await this.catalog.graph();
    const depth = maxDepth ?? this.defaultMaxDepth;
    const changed = refs.map(ref => graph.indexOf(ref)).filter(i => i >= 0);
    const breakingApis = breakingApisOf(graph, changed, changes);
    return {
      graph,
      refs,
      changed,
      traversal: traverseImpact(graph, changed, depth, breakingApis),
      breakingApis,
      maxDepth: depth,
    };
  }

  /** The risk facts the graph gives, computed on the whole graph so that every viewer sees the same level. */
  private riskInput(analysis: Analysis, changes: ReleaseChange[]): RiskInput {
    const { graph, traversal } = analysis;
    const affected = [...traversal.reached.keys()];
    return {
      changes,
      dependentCount: affected.filter(
        node =>
          traversal.reached.get(node)!.depth > 0 &&
          !WHOLE_KINDS.has(graph.kinds[node]),
      ).length,
      tiers: affected.flatMap(node => graph.tierOf(node) ?? []),
      audiences: affected.flatMap(node => graph.audiences[node] ?? []),
      breakingApiTiers: [...analysis.breakingApis].map(api =>
        graph.tierOf(api),
      ),
    };
  }

  private async releaseRisk(
    release: Release,
    analysis: Analysis,
    credentials: BackstageCredentials,
  ): Promise<RiskAssessment> {
    const [facts, overrides] = await Promise.all([
      this.releaseFacts(release, credentials),
      this.overrides.getOverrides([release.id]),
    ]);
    return assessRisk(
      {
        ...this.riskInput(analysis, release.changes),
        ...facts,
        override: overrides.get(release.id),
      },
      this.riskConfig,
    );
  }

  private async releaseRisks(
    releases: Release[],
    graph: CatalogGraph,
    credentials: BackstageCredentials,
  ): Promise<RiskAssessment[]> {
    const overrides = await this.overrides.getOverrides(
      releases.map(r => r.id),
    );
    return Promise.all(
      releases.map(async release => {
        const changed = release.entityRefs
          .map(ref => graph.indexOf(ref))
          .filter(i => i >= 0);
        const breakingApis = breakingApisOf(graph, changed, release.changes);
        const analysis: Analysis = {
          graph,
          refs: release.entityRefs,
          changed,
          breakingApis,
          maxDepth: this.defaultMaxDepth,
          traversal: traverseImpact(
            graph,
            changed,
            this.defaultMaxDepth,
            breakingApis,
          ),
        };
        return assessRisk(
          {
            ...this.riskInput(analysis, release.changes),
            ...(await this.releaseFacts(release, credentials)),
            override: overrides.get(release.id),
          },
          this.riskConfig,
        );
      }),
    );
  }

  /** Rollbacks, conflicts and freezes near the window, through the stores and services. */
  private async releaseFacts(
    release: Release,
    credentials: BackstageCredentials,
  ): Promise<Partial<RiskInput>> {
    const config = this.riskConfig;
    const now = this.now().getTime();
    const margin = config.freeze.marginHours * HOUR_MS;
    const [rolledBack, conflicts, freezes] = await Promise.all([
      this.store.listReleases({
        entityRefGroups: [release.entityRefs],
        states: ['rolled_back'],
        from: new Date(now - config.rollbacks.days * DAY_MS).toISOString(),
        order: 'desc',
        limit: 50,
      }),
      this.conflicts?.conflictsOf([release], credentials),
      this.freezes?.freezesApplyingTo(
        release.entityRefs,
        {
          start: new Date(
            Date.parse(release.window.start) - margin,
          ).toISOString(),
          end: new Date(Date.parse(release.window.end) + margin).toISOString(),
        },
        credentials,
      ),
    ]);
    return {
      release: {
        type: release.type,
        createdAt: release.createdAt,
        windowStart: release.window.start,
      },
      rollbacks: rolledBack.items
        .filter(r => r.id !== release.id)
        .map(r => r.title),
      ...(conflicts && {
        conflicts: {
          blocking: conflicts.filter(c => c.severity === 'blocking').length,
          warning: conflicts.filter(c => c.severity === 'warning').length,
        },
      }),
      ...(freezes && {
        freezesNearby: [
          ...new Set(
            freezes
              .filter(f => !f.exemptTypes.includes(release.type))
              .map(f => f.title),
          ),
        ],
      }),
    };
  }

  /** Refs of the given ones the user may read (see {@link CatalogModel.readable}). */
  private async visibleRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return new Set((await this.catalog.readable(refs, credentials)).keys());
  }
}

/** The APIs with a breaking change: named by a breaking item, provided by a named entity, or, for an item naming none, every API changed or provided by a changed entity. */
function breakingApisOf(
  graph: CatalogGraph,
  changed: number[],
  changes: ReleaseChange[],
): Set<number> {
  const result = new Set<number>();
  const apisOf = (node: number) =>
    graph.kinds[node] === 'API' ? [node] : [...graph.out('providesApi', node)];
  for (const change of changes) {
    if (change.kind !== 'breaking') continue;
    const nodes = change.entityRef
      ? [graph.indexOf(change.entityRef)].filter(i => i >= 0)
      : changed;
    for (const node of nodes) apisOf(node).forEach(api => result.add(api));
  }
  return result;
}

/** Every ref the report may show: the changed refs, what was reached, the APIs on the way, and their owners, systems and domains. */
function candidateRefs(analysis: Analysis): string[] {
  const { graph, traversal } = analysis;
  const candidates = new Set<string>(analysis.refs);
  // each node with its owner, system and domain, which the report names
  // whatever the depth at which the traversal would reach them
  const add = (node: number) => {
    candidates.add(graph.refs[node]);
    const owner = graph.owners[node];
    if (owner) candidates.add(owner);
    for (const whole of [graph.systemOf[node], graph.domainOf[node]]) {
      if (whole >= 0) candidates.add(graph.refs[whole]);
    }
  };
  traversal.reached.forEach((step, node) => {
    add(node);
    if (step.api >= 0) add(step.api);
  });
  for (const [api, consumer] of traversal.apiConsumers) {
    add(api);
    add(consumer);
  }
  return [...candidates];
}

/** Assembles the report from what the user may read; with `strict`, changed refs they cannot read are a 400. */
function report(
  analysis: Analysis,
  risk: RiskAssessment,
  visible: Set<string>,
  options: { strict: boolean },
): ImpactReport {
  const { graph, traversal } = analysis;
  const { reached } = traversal;
  const unknown = analysis.refs.filter(ref => !visible.has(ref));
  if (options.strict && unknown.length > 0) {
    throw new InputError(
      `Unknown entity refs, not in the catalog: ${unknown.join(', ')}`,
    );
  }
  const isVisible = (node: number) => visible.has(graph.refs[node]);

  // a node is shown when it and everything on its path may be read
  const shown = new Set<number>();
  reached.forEach((step, node) => {
    if (
      isVisible(node) &&
      (step.parent < 0 || shown.has(step.parent)) &&
      (step.api < 0 || isVisible(step.api))
    ) {
      shown.add(node);
    }
  });

  const entity = describer(graph, visible);
  const changed: ImpactEntity[] = analysis.refs
    .filter(ref => visible.has(ref))
    .map(ref => {
      const node = graph.indexOf(ref);
      return node >= 0 ? entity(node) : describeRef(ref);
    });
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

  const affected = [...shown];
  const count = (of: (node: number) => number) => {
    const counts = new Map<string, number>();
    for (const node of affected) {
      const whole = of(node);
      if (WHOLE_KINDS.has(graph.kinds[node]) || whole < 0) continue;
      if (!isVisible(whole)) continue;
      const ref = graph.refs[whole];
      counts.set(ref, (counts.get(ref) ?? 0) + 1);
    }
    return [...counts]
      .map(([ref, n]) => ({ ref, count: n }))
      .sort((a, b) => b.count - a.count || a.ref.localeCompare(b.ref));
  };
  const owners = new Map<string, string[]>();
  const audiences = new Map<string, string[]>();
  const missing = new Set<string>();
  for (const node of affected) {
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
    changed,
    dependents,
    apiConsumers: traversal.apiConsumers
      .filter(([api, consumer]) => isVisible(api) && isVisible(consumer))
      .map(([api, consumer]) => ({
        apiRef: graph.refs[api],
        consumerRef: graph.refs[consumer],
        breaking: analysis.breakingApis.has(api),
      })),
    systems: count(node => graph.systemOf[node]),
    domains: count(node => graph.domainOf[node]),
    owners: [...owners]
      .map(([groupRef, entityRefs]) => ({ groupRef, entityRefs }))
      .sort((a, b) => a.groupRef.localeCompare(b.groupRef)),
    audiences: [...audiences]
      .map(([audience, entityRefs]) => ({ audience, entityRefs }))
      .sort((a, b) => a.audience.localeCompare(b.audience)),
    missing: [...missing].sort(),
    maxDepth: analysis.maxDepth,
    truncated: traversal.truncated,
    graph: buildGraph(graph, analysis, shown, visible, entity),
    risk,
  };
}

/**
 * Describes nodes as the user may see them (refs they cannot read left out),
 * each node once per report.
 */
function describer(
  graph: CatalogGraph,
  visible: Set<string>,
): (node: number) => ImpactEntity {
  const described = new Map<number, ImpactEntity>();
  const shownRef = (ref: string | undefined) =>
    ref !== undefined && visible.has(ref) ? ref : undefined;
  const refOf = (node: number) => (node >= 0 ? graph.refs[node] : undefined);
  return node => {
    const known = described.get(node);
    if (known) return known;
    const entity: ImpactEntity = {
      entityRef: graph.refs[node],
      kind: graph.kinds[node],
      name: graph.names[node],
    };
    const set = <K extends keyof ImpactEntity>(
      key: K,
      value?: ImpactEntity[K],
    ) => {
      if (value !== undefined) entity[key] = value;
    };
    set('title', graph.titles[node]);
    // a declared owner missing from the catalog is shown as declared, marked
    const owner = graph.owners[node];
    const ownerMissing = owner !== undefined && graph.indexOf(owner) < 0;
    set('owner', ownerMissing ? owner : shownRef(owner));
    if (ownerMissing) entity.ownerNotInCatalog = true;
    set('system', shownRef(refOf(graph.systemOf[node])));
    set('domain', shownRef(refOf(graph.domainOf[node])));
    set('lifecycle', graph.lifecycles[node]);
    set('tier', graph.tierOf(node));
    described.set(node, entity);
    return entity;
  };
}

/** An entity the graph does not know yet (added to the catalog since it was read). */
function describeRef(ref: string): ImpactEntity {
  const { kind, name } = parseEntityRef(ref);
  return { entityRef: ref, kind, name };
}

/** The graph of what is shown and its context; edges give their ends by position in `nodes`. */
function buildGraph(
  graph: CatalogGraph,
  analysis: Analysis,
  shown: Set<number>,
  visible: Set<string>,
  entity: (node: number) => ImpactEntity,
): ImpactReport['graph'] {
  const { reached, apiConsumers } = analysis.traversal;
  const nodes: ImpactGraphNode[] = [];
  /** Graph node index → position in `nodes` (-1: not a node), and back. */
  const position = new Int32Array(graph.size).fill(-1);
  const order: number[] = [];
  const addNode = (
    node: number,
    depth: number,
    role: ImpactGraphNode['role'],
  ) => {
    if (position[node] >= 0 || !visible.has(graph.refs[node])) return;
    const { entityRef, kind, name, title, owner, system, lifecycle } =
      entity(node);
    const graphNode: ImpactGraphNode = {
      id: entityRef,
      kind,
      name,
      depth,
      role,
    };
    if (title !== undefined) graphNode.title = title;
    if (owner !== undefined) graphNode.owner = owner;
    if (system !== undefined) graphNode.system = system;
    if (lifecycle !== undefined) graphNode.lifecycle = lifecycle;
    position[node] = nodes.length;
    order.push(node);
    nodes.push(graphNode);
  };
  shown.forEach(node => {
    const step = reached.get(node)!;
    if (step.depth === 0) addNode(node, 0, 'changed');
    else
      addNode(
        node,
        step.depth,
        step.via === 'consumesApi' ? 'consumer' : 'dependent',
      );
  });
  shown.forEach(node => {
    const step = reached.get(node)!;
    if (step.api >= 0)
      addNode(step.api, Math.max(0, step.depth - 1), 'context');
  });
  for (const [api] of apiConsumers) addNode(api, 0, 'context');
  const entitiesAndApis = nodes.length;
  for (let i = 0; i < entitiesAndApis; i++) {
    const owner = graph.owners[order[i]];
    const ownerNode = owner ? graph.indexOf(owner) : -1;
    if (ownerNode >= 0) addNode(ownerNode, nodes[i].depth, 'context');
  }

  // ownedBy edges are the nodes' owners (impactGraphEdges)
  const edges: ImpactGraphEdge[] = [];
  let from = 0;
  // one visitor per relation, not one per node and relation
  const visitors = EDGE_RELATIONS.map(
    ([rel, relation]) =>
      [
        rel,
        (target: number) => {
          const to = position[target];
          if (to >= 0) edges.push({ from, to, relation });
        },
      ] as const,
  );
  for (from = 0; from < order.length; from++) {
    for (const [rel, visit] of visitors)
      graph.forEachOut(rel, order[from], visit);
  }
  return { nodes, edges };
}
