import { z } from 'zod';

/**
 * The config key listing the URL schemes user-supplied links may have.
 *
 * @public
 */
export const LINK_SCHEMES_CONFIG_KEY =
  'releaseCoordination.links.allowedSchemes';

/**
 * The URL schemes user-supplied links may have unless configured otherwise.
 *
 * @public
 */
export const DEFAULT_LINK_SCHEMES: readonly string[] = ['http', 'https'];

/** Longest link a user may supply. @public */
export const MAX_LINK_LENGTH = 2000;

/** Schemes that run code or embed content when followed; never allowed. */
const SCRIPT_SCHEMES = ['javascript', 'vbscript', 'data', 'blob', 'file'];

/**
 * Why a configured list of link schemes is unusable, or undefined when it is
 * fine: each must be a lower-case URL scheme (RFC 3986) and none may run code
 * when followed (`javascript`, `data`, …).
 *
 * @public
 */
export function linkSchemesProblem(
  schemes: readonly string[],
): string | undefined {
  if (schemes.length === 0) {
    return 'name at least one scheme';
  }
  const malformed = schemes.filter(s => !/^[a-z][a-z0-9+.-]*$/.test(s));
  if (malformed.length > 0) {
    return `not lower-case URL schemes: ${malformed.join(', ')}`;
  }
  const unsafe = schemes.filter(s => SCRIPT_SCHEMES.includes(s));
  return unsafe.length > 0
    ? `schemes that run code or embed content are not allowed: ${unsafe.join(
        ', ',
      )}`
    : undefined;
}

function linkMessage(schemes: readonly string[]): string {
  const isDefault =
    schemes.length === DEFAULT_LINK_SCHEMES.length &&
    DEFAULT_LINK_SCHEMES.every(s => schemes.includes(s));
  return isDefault
    ? 'must be an http(s) URL'
    : `must be a URL with scheme ${schemes.join(' or ')}`;
}

/**
 * A user-supplied link: an absolute URL, at most {@link MAX_LINK_LENGTH}
 * characters once trimmed, that starts with one of `schemes` and a colon (a
 * browser drops leading control characters, so `\u0000javascript:` must not
 * pass as a URL whose parsed scheme is fine).
 *
 * @public
 */
export function linkSchema(schemes: readonly string[] = DEFAULT_LINK_SCHEMES) {
  const alternatives = schemes.map(s => s.replace(/[.+]/g, '\\$&')).join('|');
  const error = linkMessage(schemes);
  return z
    .url({ protocol: new RegExp(`^(?:${alternatives})$`), error, abort: true })
    .trim()
    .max(MAX_LINK_LENGTH)
    .regex(new RegExp(`^(?:${alternatives}):`, 'i'), { error });
}

/**
 * A stored link as it may be rendered as a link, or undefined when it must be
 * shown as text: links stored before links were checked (`javascript:` …) are
 * not links.
 *
 * @public
 */
export function safeLink(
  value: string,
  schemes: readonly string[] = DEFAULT_LINK_SCHEMES,
): string | undefined {
  const result = linkSchema(schemes).safeParse(value);
  return result.success ? result.data : undefined;
}
