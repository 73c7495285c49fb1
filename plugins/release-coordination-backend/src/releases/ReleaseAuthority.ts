import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';

/** How far up a group hierarchy authority reaches. */
const MAX_GROUP_DEPTH = 20;

/** An entity ref in lower case, as refs compare. */
export const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Who is asking, as release authority sees them.
 *
 * @public
 */
export interface Caller {
  /** The user's entity ref, as signed in. */
  userRef: string;
  /** The user's ownership refs (the user and their groups), lower-case. */
  refs: string[];
  /** The groups among `refs`. */
  groups: string[];
  /** Whether the user is a member of the release managers' group. */
  isReleaseManager: boolean;
}

/**
 * An entity of a release that the release's owner does not hold, with the
 * group that does (absent when the catalog names no owner).
 *
 * @public
 */
export interface ForeignEntity {
  entityRef: string;
  ownerRef?: string;
}

/**
 * Who may act for which entities: a group holds an entity when it owns it
 * or is an ancestor (`spec.parent`, transitively) of its owner. Asks the
 * catalog model's live reads with the caller's credentials on every
 * question ({@link CatalogModel.describe}), so authority is never staler than
 * the catalog.
 *
 * @public
 */
export class ReleaseAuthority {
  readonly releaseManagerGroup: string;

  constructor(
    private readonly options: {
      catalog: CatalogModel;
      userInfo: UserInfoService;
      releaseManagerGroup: string;
    },
  ) {
    this.releaseManagerGroup = lower(options.releaseManagerGroup);
  }

  /** The caller's refs and groups. */
  async caller(credentials: BackstageCredentials): Promise<Caller> {
    const { userEntityRef, ownershipEntityRefs } =
      await this.options.userInfo.getUserInfo(credentials);
    const refs = [
      ...new Set([userEntityRef, ...ownershipEntityRefs].map(lower)),
    ];
    const groups = refs.filter(ref => ref.startsWith('group:'));
    return {
      userRef: userEntityRef,
      refs,
      groups,
      isReleaseManager: groups.includes(this.releaseManagerGroup),
    };
  }

  /** Whether the caller is a member of the group that owns the release. */
  isOwnerMember(caller: Caller, release: Pick<Release, 'ownerRef'>): boolean {
    return caller.refs.includes(lower(release.ownerRef));
  }

  /**
   * Whether the caller created the release and still has a creator's rights
   * (no other group has accepted it since).
   */
  isCreator(
    caller: Caller,
    release: Pick<Release, 'createdBy' | 'handedOverAt'>,
  ): boolean {
    return (
      !release.handedOverAt && caller.refs.includes(lower(release.createdBy))
    );
  }

  /** The owner group of each entity, when the catalog names one. */
  async entityOwners(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string | undefined>> {
    const entities = await this.options.catalog.describe(
      entityRefs,
      credentials,
    );
    return new Map(entityRefs.map(ref => [ref, entities.get(ref)?.ownerRef]));
  }

  /**
   * Of the entities, those that no group among `holders` holds, with their
   * owners: the entities whose owners have a say before a release of them
   * by `holders` may count.
   */
  async foreignEntities(
    holders: string[],
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<ForeignEntity[]> {
    const owners = await this.entityOwners(entityRefs, credentials);
    const ownerRefs = [...new Set([...owners.values()].filter(isDefined))];
    const lines = await this.ancestry(ownerRefs, credentials);
    const holding = new Set(holders.map(lower));
    return entityRefs
      .filter(entityRef => {
        const ownerRef = owners.get(entityRef);
        return !ownerRef || !lines.get(ownerRef)!.some(g => holding.has(g));
      })
      .map(entityRef => {
        const ownerRef = owners.get(entityRef);
        return ownerRef ? { entityRef, ownerRef } : { entityRef };
      });
  }

  /**
   * Of the entities, those whose declared owner is not in the catalog (as
   * the caller sees it): nobody can act or approve for them.
   */
  async danglingOwners(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Required<ForeignEntity>[]> {
    const owners = await this.entityOwners(entityRefs, credentials);
    const ownerRefs = [...new Set([...owners.values()].filter(isDefined))];
    if (ownerRefs.length === 0) return [];
    const found = await this.options.catalog.readable(ownerRefs, credentials);
    const missing = new Set(ownerRefs.filter(ref => !found.has(ref)));
    return entityRefs.flatMap(entityRef => {
      const ownerRef = owners.get(entityRef);
      return ownerRef && missing.has(ownerRef) ? [{ entityRef, ownerRef }] : [];
    });
  }

  /**
   * Each group with its ancestors, itself first (`spec.parent` followed up
   * to {@link MAX_GROUP_DEPTH} levels, cycles cut).
   */
  private async ancestry(
    groupRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string[]>> {
    const parentOf = new Map<string, string | undefined>();
    let frontier = groupRefs.filter(ref => ref.startsWith('group:'));
    for (let depth = 0; depth < MAX_GROUP_DEPTH && frontier.length; depth++) {
      const groups = await this.options.catalog.describe(frontier, credentials);
      const next: string[] = [];
      frontier.forEach(ref => {
        const parentRef = groups.get(ref)?.parentRef;
        parentOf.set(ref, parentRef);
        if (parentRef && !parentOf.has(parentRef)) next.push(parentRef);
      });
      frontier = [...new Set(next)];
    }
    return new Map(
      groupRefs.map(ref => {
        const line = [ref];
        for (let p = parentOf.get(ref); p && !line.includes(p); ) {
          line.push(p);
          p = parentOf.get(p);
        }
        return [ref, line];
      }),
    );
  }
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
