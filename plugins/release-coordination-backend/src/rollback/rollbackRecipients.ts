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

const unique = (refs: string[]) => [
  ...new Set(refs.map(ref => ref.toLocaleLowerCase('en-US'))),
];

/**
 * The engineers a release concerns: its owning group and the owners of
 * every entity the impact report lists (changed and affected dependents).
 */
export function ownerRecipients(
  release: Pick<Release, 'ownerRef'>,
  report: Pick<ImpactReport, 'owners' | 'dependents'>,
): string[] {
  return unique([
    release.ownerRef,
    ...report.owners.map(owner => owner.groupRef),
    ...report.dependents.flatMap(dependent =>
      dependent.owner ? [dependent.owner] : [],
    ),
  ]).sort();
}

/** The groups of the audiences the impact report lists. */
export function audienceRecipients(
  report: Pick<ImpactReport, 'audiences'>,
): string[] {
  return unique(
    report.audiences.flatMap(({ audience }) => {
      const group = audienceGroup(audience);
      return group ? [group] : [];
    }),
  ).sort();
}

/**
 * Everyone a rollback concerns: the owners ({@link ownerRecipients}) and the
 * groups of the audiences ({@link audienceRecipients}), each once.
 */
export function rollbackRecipients(
  release: Pick<Release, 'ownerRef'>,
  report: Pick<ImpactReport, 'owners' | 'dependents' | 'audiences'>,
): string[] {
  return unique([
    ...ownerRecipients(release, report),
    ...audienceRecipients(report),
  ]).sort();
}
