import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AffectedHere,
  Release,
  UpcomingImpactItem,
  UpcomingImpactQuery,
} from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from '../catalogGraph/CatalogGraph';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import {
  affectingOf,
  pathTo,
  traverseImpact,
  withParts,
} from '../catalogGraph/traverse';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseService } from '../releases/ReleaseService';
import { ReleaseRiskAssessor } from './ReleaseRiskAssessor';
import { DAY_MS } from '../time';
import { visibleRefs } from './visibleRefs';
import { UserCredentials } from '../credentials';

/** How far ahead `GET /impact/upcoming` looks by default. */
export const UPCOMING_DAYS = 60;

/** The entities a release touches for a target, and how. */
interface Touching {
  /** The target itself and its parts; undefined: every entity. */
  direct?: Set<string>;
  /** The same as graph nodes. */
  own?: Set<number>;
  /** What the target depends on transitively, its direct refs aside. */
  dependencies: Set<string>;
}

/** The upcoming releases touching a system, domain or entity. */
export class UpcomingImpact {
  constructor(
    private readonly deps: {
      catalog: CatalogModel;
      releases: ReleaseService;
      store: ReleaseStore;
      risk: ReleaseRiskAssessor;
      defaultMaxDepth: number;
      now: () => Date;
    },
  ) {}

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
    const { catalog, releases, store } = this.deps;
    const from = query.from ?? this.deps.now().toISOString();
    const to =
      query.to ??
      new Date(Date.parse(from) + UPCOMING_DAYS * DAY_MS).toISOString();
    const graph = await catalog.graph();
    const target = query.system ?? query.domain ?? query.entityRef;
    const touching = target
      ? await this.touching(graph, target, credentials)
      : { dependencies: new Set<string>() };

    // drafts only for their owners, as everywhere releases are listed
    const active = await releases.visibleReleases(
      await store.listActiveReleases({ from, to }),
      credentials,
    );
    const candidates = active.flatMap(release => touchedBy(release, touching));
    const visible = await visibleRefs(
      catalog,
      [...new Set(candidates.flatMap(c => c.touched))],
      credentials,
    );
    const shown = candidates
      .map(c => ({ ...c, touched: c.touched.filter(ref => visible.has(ref)) }))
      .filter(c => c.touched.length > 0);
    const risks = await this.deps.risk.releaseRisks(
      shown.map(c => c.release),
      graph,
      credentials,
    );
    // what of the target each release reaches, only along paths the user
    // may read end to end
    const { own } = touching;
    const reaching = own
      ? shown.map(c => this.affectedHere(graph, c.release, own))
      : [];
    const readable = await visibleRefs(
      catalog,
      [...new Set(reaching.flat().flatMap(a => a.path))],
      credentials,
    );
    return shown
      .map((c, i) => ({
        release: c.release,
        risk: { level: risks[i].level, computedLevel: risks[i].computedLevel },
        touchedVia: c.touchedVia,
        touchedEntities: c.touched,
        ...(own && {
          affectedHere: reaching[i].filter(a =>
            a.path.every(ref => readable.has(ref)),
          ),
        }),
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

  /**
   * What the release impact of each release would reach: the inverse
   * traversal from the target (a system or domain: from all its parts).
   * A target the user cannot read is a 400.
   */
  private async touching(
    graph: CatalogGraph,
    target: string,
    credentials: BackstageCredentials,
  ): Promise<Touching> {
    const visible = await visibleRefs(this.deps.catalog, [target], credentials);
    if (!visible.has(target)) {
      throw new InputError(
        `Unknown entity refs, not in the catalog: ${target}`,
      );
    }
    const node = graph.indexOf(target);
    const wholes = ['System', 'Domain'].includes(graph.kinds[node]);
    const start = wholes ? withParts(graph, node) : new Set([node]);
    const direct = new Set([target, ...[...start].map(i => graph.refs[i])]);
    const dependencies = new Set(
      [
        ...affectingOf(
          graph,
          node >= 0 ? [...start] : [],
          this.deps.defaultMaxDepth,
        ),
      ]
        .map(i => graph.refs[i])
        .filter(ref => !direct.has(ref)),
    );
    // what of its own a release reaches: a System's or Domain's parts (the
    // whole itself says nothing more), or the entity itself
    const own = wholes ? new Set([...start].filter(i => i !== node)) : start;
    return { direct, own, dependencies };
  }

  /**
   * The target's own entities a release reaches, each with its path from a
   * changed entity: the release's impact traversal (as its impact report
   * makes it), kept to the target's nodes.
   */
  private affectedHere(
    graph: CatalogGraph,
    release: Release,
    own: Set<number>,
  ): AffectedHere[] {
    const changed = release.entityRefs
      .map(ref => graph.indexOf(ref))
      .filter(node => node >= 0);
    const { reached } = traverseImpact(
      graph,
      changed,
      this.deps.defaultMaxDepth,
      new Set(),
    );
    return [...own]
      .filter(node => reached.has(node))
      .map(node => ({
        entityRef: graph.refs[node],
        path: pathTo(graph, reached, node),
      }))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }
}

/** The release with the refs it touches, directly first; none when it touches nothing. */
function touchedBy(release: Release, { direct, dependencies }: Touching) {
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
}
