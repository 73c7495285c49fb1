import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ImpactReport,
  Release,
} from '@internal/plugin-release-coordination-common';

/**
 * The group an audience of the impact report names (`customers` is
 * `group:default/customers`; a full ref stays as it is).
 */
function audienceGroup(audience: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(audience, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Everyone a rollback concerns: the release's owning group, the owners of
 * every entity the impact report lists (changed and affected dependents) and
 * the groups of its audiences, each once.
 */
export function rollbackRecipients(
  release: Pick<Release, 'ownerRef'>,
  report: Pick<ImpactReport, 'owners' | 'dependents' | 'audiences'>,
): string[] {
  const refs = [
    release.ownerRef,
    ...report.owners.map(owner => owner.groupRef),
    ...report.dependents.flatMap(dependent =>
      dependent.owner ? [dependent.owner] : [],
    ),
    ...report.audiences.flatMap(({ audience }) => {
      const group = audienceGroup(audience);
      return group ? [group] : [];
    }),
  ];
  return [...new Set(refs.map(ref => ref.toLocaleLowerCase('en-US')))].sort();
}
