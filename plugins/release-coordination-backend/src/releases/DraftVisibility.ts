import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Release,
  releaseReadPermission,
} from '@internal/plugin-release-coordination-common';
import { ReleaseAuthority } from './ReleaseAuthority';
import { UserCredentials, ReaderCredentials } from '../credentials';

const isUser = (
  credentials: ReaderCredentials,
): credentials is UserCredentials => credentials.principal.type === 'user';

/**
 * Who may see a draft: drafts are for their owners, those they were offered
 * to and their creator, and then only if `release.read` allows it; every
 * other release is visible to all.
 */
export class DraftVisibility {
  private readonly authority: ReleaseAuthority;
  private readonly permissions: PermissionsService;

  constructor(options: {
    authority: ReleaseAuthority;
    permissions: PermissionsService;
  }) {
    this.authority = options.authority;
    this.permissions = options.permissions;
  }

  /**
   * Of the given releases, those the caller may see, in order: every release
   * but a draft; a draft only for the members of the group that owns it or
   * was offered it, and for its creator until another group accepted it, and
   * then only if `release.read` allows it.
   */
  async visibleReleases<
    T extends Pick<Release, 'id' | 'state' | 'ownerRef'> &
      Partial<Pick<Release, 'pendingOwnerRef' | 'createdBy' | 'handedOverAt'>>,
  >(releases: T[], credentials: ReaderCredentials): Promise<T[]> {
    const drafts = releases.filter(r => r.state === 'draft');
    if (drafts.length === 0) return releases;
    if (!isUser(credentials)) return releases.filter(r => r.state !== 'draft');
    const mine = new Set(await this.draftOwnerRefs(credentials));
    const readable = await this.readableDrafts(
      drafts.filter(
        r =>
          mine.has(r.ownerRef) ||
          (r.pendingOwnerRef !== undefined && mine.has(r.pendingOwnerRef)) ||
          (r.createdBy !== undefined &&
            !r.handedOverAt &&
            mine.has(r.createdBy.toLocaleLowerCase('en-US'))),
      ),
      credentials,
    );
    return releases.filter(r => r.state !== 'draft' || readable.has(r.id));
  }

  /**
   * The caller's user ref and groups, lower-case: a viewer's refs for the
   * store's draft filter (drafts owned by, offered to or created by them;
   * then only if `release.read` allows it).
   */
  async draftOwnerRefs(credentials: ReaderCredentials): Promise<string[]> {
    if (!isUser(credentials)) return [];
    return (await this.authority.caller(credentials)).refs;
  }

  /** Ids of the given drafts that `release.read` allows the caller to read. */
  private async readableDrafts(
    drafts: Pick<Release, 'id'>[],
    credentials: UserCredentials,
  ): Promise<Set<string>> {
    if (drafts.length === 0) return new Set();
    const decisions = await this.permissions.authorize(
      drafts.map(r => ({
        permission: releaseReadPermission,
        resourceRef: r.id,
      })),
      { credentials },
    );
    return new Set(
      drafts
        .filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW)
        .map(r => r.id),
    );
  }
}
