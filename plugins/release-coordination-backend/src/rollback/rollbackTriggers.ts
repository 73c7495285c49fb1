import { InputError } from '@backstage/errors';
import {
  Release,
  RollbackTriggers,
} from '@internal/plugin-release-coordination-common';

/** Reads the ids of a release's success criteria and of its issues. */
export interface ReleaseTriggerSources {
  criterionIds(releaseId: string): Promise<string[]>;
  issueIds(releaseId: string): Promise<string[]>;
}

/**
 * Checks that every criterion and issue said to have triggered a rollback
 * belongs to the release; a 400 names the field, the release by its title
 * and the unknown ids.
 */
export async function assertReleaseTriggers(
  release: Pick<Release, 'id' | 'title'>,
  triggers: RollbackTriggers,
  sources: ReleaseTriggerSources,
): Promise<void> {
  const check = async (
    field: keyof RollbackTriggers,
    given: string[],
    known: (id: string) => Promise<string[]>,
  ) => {
    if (given.length === 0) return;
    const ids = new Set(await known(release.id));
    const unknown = given.filter(id => !ids.has(id));
    if (unknown.length > 0) {
      throw new InputError(
        `triggeredBy.${field}: not ${
          field === 'issueIds' ? 'an issue' : 'a success criterion'
        } of release "${release.title}": ${unknown.join(', ')}`,
      );
    }
  };
  await check('criterionIds', triggers.criterionIds, id =>
    sources.criterionIds(id),
  );
  await check('issueIds', triggers.issueIds, id => sources.issueIds(id));
}
