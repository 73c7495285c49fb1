import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  ReadinessItem,
  Release,
  ReleaseReadiness,
} from '@internal/plugin-release-coordination-common';

/**
 * What another capability adds to a release's readiness: checklist items
 * (a failed one makes the verdict `not-ready`) and facts the verdict carries.
 *
 * @public
 */
export interface ReadinessContribution {
  items: ReadinessItem[];
  facts?: Pick<ReleaseReadiness, 'openIssues' | 'criteria'>;
}

/**
 * Contributes to a release's readiness; registered with
 * `ReadinessService.addContributor`.
 *
 * @public
 */
export type ReadinessContributor = (
  release: Release,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
) => Promise<ReadinessContribution>;

/** Every contributor's items and facts for a release, in registration order. */
export async function collectContributions(
  contributors: readonly ReadinessContributor[],
  release: Release,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
): Promise<Required<ReadinessContribution>> {
  const contributions = await Promise.all(
    contributors.map(contribute => contribute(release, credentials)),
  );
  return {
    items: contributions.flatMap(c => c.items),
    facts: Object.assign({}, ...contributions.map(c => c.facts ?? {})),
  };
}
