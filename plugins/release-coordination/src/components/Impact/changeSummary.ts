import {
  Release,
  entityName,
} from '@internal/plugin-release-coordination-common';

/** How many change titles {@link changeSummary} names before "and N more". */
const NAMED_CHANGES = 3;

/**
 * What a release changes, in one line for stakeholders: its listed changes
 * by kind and title (the first three, then how many more), or the entities it
 * changes when it lists none, e.g. `breaking: Drop v1 API; fix: Retry
 * payments; and 2 more` or `changes checkout-service, cart`.
 */
export function changeSummary(
  release: Pick<Release, 'changes' | 'entityRefs'>,
): string {
  const { changes, entityRefs } = release;
  if (changes.length === 0) {
    return entityRefs.length
      ? `changes ${entityRefs.map(entityName).join(', ')}`
      : 'no changes listed';
  }
  const named = changes
    .slice(0, NAMED_CHANGES)
    .map(change => `${change.kind}: ${change.title}`);
  const more = changes.length - named.length;
  return more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
}
