import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ListingRevisionStore } from '../database/listingRevision';

/** How many bytes of answers a replica keeps by default: about a hundred calendar months. */
const DEFAULT_LISTING_CACHE_BYTES = 64 * 1024 * 1024;

/** How many bytes (as JSON) of values read at a revision a replica keeps by default. */
const DEFAULT_KEPT_VALUE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a value at the revision of a {@link ListingCache.atRevision} call:
 * the one kept under `key`, or `compute`'s (kept if it is of that revision).
 *
 * @public
 */
export type KeptAtRevision = <T>(
  key: string,
  compute: () => Promise<T>,
) => Promise<T>;

/** A value read at the revision, and its size as JSON once it is known. */
type KeptValue = { value: Promise<unknown>; bytes: number };

/**
 * A listing as sent: its JSON body and its entity tag.
 *
 * @public
 */
export interface Listing {
  body: Buffer;
  etag: string;
  /**
   * The body compressed with gzip, for a caller that accepts it (every
   * browser): made once, off the event loop, when first asked for.
   */
  gzipped(): Promise<Buffer>;
}

/** A permission question a listing's computation asked, and its answer. */
type Asked = {
  method: 'authorize' | 'authorizeConditional';
  requests: unknown[];
  decisions: unknown[];
};

/** The permission questions the computation under way has asked so far. */
const computations = new AsyncLocalStorage<{ asked: Asked[] }>();

/** A listing kept, with the permission questions its computation asked, and its bytes (body and compressed). */
type Kept = { listing: Listing; asked: Asked[]; bytes: number };

const gzipped = promisify(gzip);

/** Lets the least recently used entries (first in the map) go until `bytes` is within `max`; the bytes left. */
function evictOldest(
  entries: Map<string, { bytes: number }>,
  bytes: number,
  max: number,
): number {
  let left = bytes;
  for (const [oldest, entry] of entries) {
    if (left <= max) break;
    entries.delete(oldest);
    left -= entry.bytes;
  }
  return left;
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
 * caller it depends on (the caller puts it in the key) and kept under the
 * revision read before it was computed. A policy may decide differently
 * without any write, so the permission questions a computation asked
 * (through {@link ListingCache.permissions}) are asked again, with the
 * caller's credentials, before a kept listing is served: it is served only
 * if every answer is the same. The least recently used go first beyond
 * `maxBytes`.
 *
 * @public
 */
export class ListingCache {
  /**
   * The permissions service for the services that compute listings: it
   * tells the listing under way (if any) each question it asked.
   */
  readonly permissions: PermissionsService;
  private readonly decide: PermissionsService;
  private readonly revisionStore: Pick<ListingRevisionStore, 'read'>;
  private readonly maxBytes: number;
  private readonly maxValueBytes: number;
  private readonly kept = new Map<string, Kept>();
  private readonly values = new Map<string, KeptValue>();
  private revision = -1;
  private bytes = 0;
  private valueBytes = 0;

  constructor(options: {
    revision: Pick<ListingRevisionStore, 'read'>;
    /** The permissions service that decides. */
    permissions: PermissionsService;
    maxBytes?: number;
    /** The bytes (as JSON) of values read at a revision to keep. */
    maxValueBytes?: number;
  }) {
    this.revisionStore = options.revision;
    this.maxBytes = options.maxBytes ?? DEFAULT_LISTING_CACHE_BYTES;
    this.maxValueBytes = options.maxValueBytes ?? DEFAULT_KEPT_VALUE_BYTES;
    const decide = options.permissions;
    this.decide = decide;
    const record = (
      method: Asked['method'],
      requests: unknown[],
      decisions: unknown[],
    ) => computations.getStore()?.asked.push({ method, requests, decisions });
    this.permissions = {
      authorize: async (requests, opts) => {
        const decisions = await decide.authorize(requests, opts);
        record('authorize', requests, decisions);
        return decisions;
      },
      authorizeConditional: async (requests, opts) => {
        const decisions = await decide.authorizeConditional(requests, opts);
        record('authorizeConditional', requests, decisions);
        return decisions;
      },
    };
  }

  /**
   * The listing of `key` at the current revision for the caller with
   * `credentials`: the kept one if its permission questions get the same
   * answers, otherwise `compute`'s answer serialised (and kept).
   */
  async listing(
    key: string,
    credentials: BackstageCredentials,
    compute: () => Promise<unknown>,
  ): Promise<Listing> {
    const revision = await this.currentRevision();
    const kept = revision === this.revision && this.kept.get(key);
    if (kept && (await this.sameAnswers(kept.asked, credentials))) {
      // most recently used last
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept.listing;
    }
    const computation = { asked: [] as Asked[] };
    const answer = await computations.run(computation, compute);
    const body = Buffer.from(JSON.stringify(answer));
    const entry: Kept = {
      listing: this.listingOf(key, body),
      asked: computation.asked,
      bytes: body.length,
    };
    // kept under the revision read before computing: a write that committed
    // meanwhile moved the revision, so no later request is served it
    if (body.length <= this.maxBytes && revision === this.revision) {
      this.keep(key, entry);
    }
    return entry.listing;
  }

  /** A listing of a body; its compressed body counts as kept once made (if `key` still holds it). */
  private listingOf(key: string, body: Buffer): Listing {
    let compressing: Promise<Buffer> | undefined;
    const listing: Listing = {
      body,
      etag: entityTag(body),
      gzipped: () => {
        compressing ??= gzipped(body).then(compressed => {
          const entry = this.kept.get(key);
          if (entry?.listing === listing) {
            entry.bytes += compressed.length;
            this.bytes += compressed.length;
            this.evictListings();
          }
          return compressed;
        });
        return compressing;
      },
    };
    return listing;
  }

  /**
   * Reads the revision now, for reading values that depend on nothing but
   * what the revision covers (not on the caller, nor on permissions): each
   * is computed once at that revision and shared by every request that
   * reads the same revision, in flight or done. The least recently used go
   * first beyond `maxValueBytes`.
   */
  async atRevision(): Promise<KeptAtRevision> {
    const revision = await this.currentRevision();
    return <T>(key: string, compute: () => Promise<T>): Promise<T> => {
      if (revision !== this.revision) return compute();
      const kept = this.values.get(key);
      if (kept) {
        this.values.delete(key);
        this.values.set(key, kept);
        return kept.value as Promise<T>;
      }
      const value = compute();
      const entry: KeptValue = { value, bytes: 0 };
      this.values.set(key, entry);
      value.then(
        resolved => {
          if (this.values.get(key) !== entry) return;
          entry.bytes = JSON.stringify(resolved)?.length ?? 0;
          this.valueBytes += entry.bytes;
          this.evictValues();
        },
        () => {
          if (this.values.get(key) === entry) this.values.delete(key);
        },
      );
      return value;
    };
  }

  /** The revision in the database; what was kept at an older one is let go. */
  private async currentRevision(): Promise<number> {
    const revision = await this.revisionStore.read();
    if (revision > this.revision) {
      this.kept.clear();
      this.values.clear();
      this.bytes = 0;
      this.valueBytes = 0;
      this.revision = revision;
    }
    return revision;
  }

  private evictValues() {
    this.valueBytes = evictOldest(
      this.values,
      this.valueBytes,
      this.maxValueBytes,
    );
  }

  /** Whether each question, asked again for the caller, gets the answer it got. */
  private async sameAnswers(
    asked: Asked[],
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const again = await Promise.all(
      asked.map(({ method, requests }) =>
        this.decide[method](requests as any, { credentials }),
      ),
    );
    return asked.every(
      ({ decisions }, i) =>
        JSON.stringify(decisions) === JSON.stringify(again[i]),
    );
  }

  private keep(key: string, entry: Kept) {
    const replaced = this.kept.get(key);
    if (replaced) {
      this.kept.delete(key);
      this.bytes -= replaced.bytes;
    }
    this.kept.set(key, entry);
    this.bytes += entry.bytes;
    this.evictListings();
  }

  private evictListings() {
    this.bytes = evictOldest(this.kept, this.bytes, this.maxBytes);
  }
}
