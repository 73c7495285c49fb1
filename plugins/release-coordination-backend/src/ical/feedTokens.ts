import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { StoredCalendarFeed } from '../database/DatabaseCalendarFeedStore';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * A new secret for a personal feed URL and the hash to store (never the
 * token itself).
 */
export function newFeedToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: sha256(token).toString('hex') };
}

/**
 * Whether a token opens a stored feed, compared in constant time; false for
 * a missing feed, in the same time as for a wrong token.
 */
export function feedTokenMatches(
  feed: Pick<StoredCalendarFeed, 'tokenHash'> | undefined,
  token: string,
): boolean {
  const given = sha256(token);
  const stored = feed ? Buffer.from(feed.tokenHash, 'hex') : sha256('');
  return (
    Boolean(feed) &&
    stored.length === given.length &&
    timingSafeEqual(stored, given)
  );
}
