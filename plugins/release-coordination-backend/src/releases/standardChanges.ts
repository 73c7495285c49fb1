import { Config } from '@backstage/config';
import {
  CHANGE_KINDS,
  ChangeKind,
  Release,
  StandardChange,
  standardChangeIdSchema,
} from '@internal/plugin-release-coordination-common';
import { normalizeRef } from '../catalogGraph/refs';

const KEY = 'releaseCoordination.standardChanges';

/**
 * Reads the declared standard changes (`releaseCoordination.standardChanges`),
 * refusing malformed ones at startup.
 */
export function readStandardChanges(config: Config): StandardChange[] {
  const seen = new Set<string>();
  return (config.getOptionalConfigArray(KEY) ?? []).map((item, i) => {
    const at = `${KEY}[${i}]`;
    const id = item.getString('id');
    if (!standardChangeIdSchema.safeParse(id).success || seen.has(id)) {
      throw new Error(
        `${at}.id: "${id}" must be unique, lower-case letters, digits and dashes`,
      );
    }
    seen.add(id);
    const changeKinds = item.getStringArray('changeKinds');
    const unknown = changeKinds.filter(
      kind => !(CHANGE_KINDS as readonly string[]).includes(kind),
    );
    if (unknown.length > 0 || changeKinds.length === 0) {
      throw new Error(
        `${at}.changeKinds: name one or more of ${CHANGE_KINDS.join(
          ', ',
        )} (unknown: ${unknown.join(', ') || 'none given'})`,
      );
    }
    const entityRefs = item.getStringArray('entityRefs');
    if (entityRefs.length === 0) {
      throw new Error(`${at}.entityRefs: name at least one entity`);
    }
    return {
      id,
      title: item.getOptionalString('title') ?? id,
      entityRefs: entityRefs.map(ref => normalizeRef(ref, 'component')),
      changeKinds: changeKinds as ChangeKind[],
    };
  });
}

/**
 * Why a release does not follow a declared standard change, as `field: reason`
 * clauses; empty when it does or is not of type `standard`. A release of
 * another type must not name one.
 */
export function standardChangeProblems(
  release: Pick<
    Release,
    'type' | 'entityRefs' | 'changes' | 'standardChangeId'
  >,
  declared: StandardChange[],
): string[] {
  if (release.type !== 'standard') {
    return release.standardChangeId
      ? ['standardChangeId: only a standard release follows a standard change']
      : [];
  }
  const ids = declared.map(d => d.id).join(', ') || 'none are declared';
  if (!release.standardChangeId) {
    return [
      `standardChangeId: a standard (pre-approved) release must name the declared standard change it follows (${ids})`,
    ];
  }
  const template = declared.find(d => d.id === release.standardChangeId);
  if (!template) {
    return [
      `standardChangeId: "${release.standardChangeId}" is not a declared standard change (${ids})`,
    ];
  }
  const problems: string[] = [];
  const outside = release.entityRefs.filter(
    ref => !template.entityRefs.includes(ref),
  );
  if (outside.length > 0) {
    problems.push(
      `entityRefs: standard change "${
        template.id
      }" does not cover ${outside.join(', ')}`,
    );
  }
  if (release.changes.length === 0) {
    problems.push(
      `changes: a standard release lists its changes, of kinds ${template.changeKinds.join(
        ', ',
      )}`,
    );
  }
  release.changes.forEach((change, i) => {
    if (!template.changeKinds.includes(change.kind)) {
      problems.push(
        `changes.${i}.kind: "${change.kind}" is not a kind standard change "${
          template.id
        }" allows (${template.changeKinds.join(', ')})`,
      );
    }
  });
  return problems;
}
