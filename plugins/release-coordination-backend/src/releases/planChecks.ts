import { InputError, NotAllowedError } from '@backstage/errors';
import { checkNamedRefsInCatalog } from '../catalogGraph/checkInCatalog';
import {
  Release,
  StandardChange,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReleaseStore } from '../database/ReleaseStore';
import { Caller, ReleaseAuthority } from './ReleaseAuthority';
import { standardChangeProblems } from './standardChanges';
import { UserCredentials } from '../credentials';

/**
 * The checks of a release plan against the catalog, the declared standard
 * changes, the other releases and the caller's groups; each throws
 * `InputError` (or `NotAllowedError` for ownership) naming the field.
 */
export class ReleasePlanChecks {
  private readonly store: ReleaseStore;
  private readonly catalog: CatalogModel;
  private readonly authority: ReleaseAuthority;
  private readonly standardChanges: StandardChange[];

  constructor(options: {
    store: ReleaseStore;
    catalog: CatalogModel;
    authority: ReleaseAuthority;
    standardChanges: StandardChange[];
  }) {
    this.store = options.store;
    this.catalog = options.catalog;
    this.authority = options.authority;
    this.standardChanges = options.standardChanges;
  }

  /** The releases a release must follow exist and are not itself. */
  async checkAfter(id: string, after: string[] | undefined) {
    if (!after?.length) return;
    if (after.includes(id)) {
      throw new InputError('after: a release cannot follow itself');
    }
    const found = new Set((await this.store.getReleases(after)).map(r => r.id));
    const unknown = after.filter(afterId => !found.has(afterId));
    if (unknown.length > 0) {
      throw new InputError(`after: unknown release(s) ${unknown.join(', ')}`);
    }
  }

  /** A release is owned by a group of the caller's. */
  checkMembership(
    caller: Caller,
    ownerRef: string,
    otherwise: 'create' | 'hand-over' = 'create',
  ) {
    if (caller.refs.includes(ownerRef.toLocaleLowerCase('en-US'))) return;
    throw new NotAllowedError(
      `ownerRef: you are not a member of ${ownerRef}; ${
        otherwise === 'create'
          ? `a release is owned by one of your groups (${caller.groups.join(
              ', ',
            )}); to plan for another team, plan it for your group and hand it over`
          : `offer the release to it instead from the release page's hand-over section, and a member of ${entityName(
              ownerRef,
            )} accepts it`
      }`,
    );
  }

  /** A `standard` release follows a declared standard change. */
  checkStandardChange(
    release: Pick<
      Release,
      'type' | 'entityRefs' | 'changes' | 'standardChangeId'
    >,
  ) {
    const problems = standardChangeProblems(release, this.standardChanges);
    if (problems.length > 0) throw new InputError(problems.join('; '));
  }

  /**
   * Checks the entity refs, the refs of the changes and the owner ref against
   * the catalog in one request, as the caller sees it.
   */
  async checkRefs(
    release: Pick<Release, 'entityRefs'> & Partial<Pick<Release, 'changes'>>,
    ownerRef: string | undefined,
    credentials: UserCredentials,
  ): Promise<void> {
    const named = [
      ...release.entityRefs.map((ref, i) => ({
        field: `entityRefs.${i}`,
        ref,
      })),
      ...(release.changes ?? []).flatMap((change, i) =>
        change.entityRef
          ? [{ field: `changes.${i}.entityRef`, ref: change.entityRef }]
          : [],
      ),
      ...(ownerRef ? [{ field: 'ownerRef', ref: ownerRef }] : []),
    ];
    await checkNamedRefsInCatalog(this.catalog, named, credentials);
  }

  /** Every entity's declared owner is in the catalog, or nobody could act for it. */
  async checkOwnersExist(entityRefs: string[], credentials: UserCredentials) {
    const dangling = await this.authority.danglingOwners(
      entityRefs,
      credentials,
    );
    if (dangling.length === 0) return;
    throw new InputError(
      dangling
        .map(
          ({ entityRef, ownerRef }) =>
            `entityRefs.${entityRefs.indexOf(
              entityRef,
            )}: ${entityRef} is owned by ${ownerRef}, which is not in the catalog, so nobody can approve for it; correct spec.owner of ${entityRef} or add ${ownerRef} to the catalog`,
        )
        .join('; '),
    );
  }

  /**
   * The caller's group that holds most of the entities (ties: the first by
   * ref); with none holding any, the caller's only group.
   */
  async defaultOwner(
    caller: Caller,
    entityRefs: string[],
    credentials: UserCredentials,
  ): Promise<string> {
    const groups = [...caller.groups].sort();
    const held = await Promise.all(
      groups.map(async group => {
        const foreign = await this.authority.foreignEntities(
          [group],
          entityRefs,
          credentials,
        );
        return entityRefs.length - foreign.length;
      }),
    );
    const most = Math.max(...held);
    if (most > 0) return groups[held.indexOf(most)];
    if (groups.length === 1) return groups[0];
    throw new InputError(
      `ownerRef: required, since none of your groups (${groups.join(
        ', ',
      )}) owns ${entityRefs.join(', ')}`,
    );
  }
}
