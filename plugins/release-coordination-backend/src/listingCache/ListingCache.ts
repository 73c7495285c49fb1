import { PermissionsService } from '@backstage/backend-plugin-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { ListingRevisionStore } from '../database/listingRevision';

/** How many bytes of answers a replica keeps by default: about a hundred calendar months. */
export const DEFAULT_LISTING_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * A listing as sent: its JSON body and its entity tag.
 *
 * @public
 */
export interface Listing {
  body: Buffer;
  etag: string;
}

/** What a computation being stored has done that the revision does not cover. */
type Computation = { askedPermissions: boolean };

const computations = new AsyncLocalStorage<Computation>();

/**
 * The permissions service, telling the listing being computed (if any) that
 * it depended on a permission decision: a policy may decide differently
 * without any write to the plugin's tables, so such a listing is not kept.
 *
 * @public
 */
export function permissionsSeenByListings(
  permissions: PermissionsService,
): PermissionsService {
  const asked = () => {
    const computation = computations.getStore();
    if (computation) computation.askedPermissions = true;
  };
  return {
    authorize: (requests, options) => {
      asked();
      return permissions.authorize(requests, options);
    },
    authorizeConditional: (requests, options) => {
      asked();
      return permissions.authorizeConditional(requests, options);
    },
  };
}

/** A weak entity tag of a body, as express makes them. */
function entityTag(body: Buffer): string {
  const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
  return `W/"${body.length.toString(16)}-${hash}"`;
}

/**
 * Release listings as computed, kept in this replica's memory and served
 * only while the listing revision in the database is the one they were
 * computed at (see {@link ListingRevisionStore}): a write through any
 * replica moves the revision before it commits, and the next request of
 * every replica computes again. A listing is keyed by everything of the
 * caller it depends on (the caller puts it in the key), kept under the
 * revision read before it was computed, and only if it asked for no
 * permission decision. The least recently used go first beyond `maxBytes`.
 *
 * @public
 */
export class ListingCache {
  private readonly revisionStore: Pick<ListingRevisionStore, 'read'>;
  private readonly maxBytes: number;
  private readonly listings = new Map<string, Listing>();
  private revision = -1;
  private bytes = 0;

  constructor(options: {
    revision: Pick<ListingRevisionStore, 'read'>;
    maxBytes?: number;
  }) {
    this.revisionStore = options.revision;
    this.maxBytes = options.maxBytes ?? DEFAULT_LISTING_CACHE_BYTES;
  }

  /**
   * The listing of `key` at the current revision: the kept one, or
   * `compute`'s answer serialised (and kept when it may be).
   */
  async listing(
    key: string,
    compute: () => Promise<unknown>,
  ): Promise<Listing> {
    const revision = await this.revisionStore.read();
    if (revision > this.revision) {
      this.listings.clear();
      this.bytes = 0;
      this.revision = revision;
    }
    const kept = revision === this.revision && this.listings.get(key);
    if (kept) {
      // most recently used last
      this.listings.delete(key);
      this.listings.set(key, kept);
      return kept;
    }
    const computation: Computation = { askedPermissions: false };
    const answer = await computations.run(computation, compute);
    const body = Buffer.from(JSON.stringify(answer));
    const listing = { body, etag: entityTag(body) };
    // kept under the revision read before computing: a write that committed
    // meanwhile moved the revision, so no later request is served it
    if (
      !computation.askedPermissions &&
      body.length <= this.maxBytes &&
      revision === this.revision
    ) {
      this.keep(key, listing);
    }
    return listing;
  }

  private keep(key: string, listing: Listing) {
    const replaced = this.listings.get(key);
    if (replaced) {
      this.listings.delete(key);
      this.bytes -= replaced.body.length;
    }
    this.listings.set(key, listing);
    this.bytes += listing.body.length;
    for (const [oldest, { body }] of this.listings) {
      if (this.bytes <= this.maxBytes) break;
      this.listings.delete(oldest);
      this.bytes -= body.length;
    }
  }
}
