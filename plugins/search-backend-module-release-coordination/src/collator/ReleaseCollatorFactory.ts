import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  MAX_PAGE_SIZE,
  Page,
  Release,
  releaseReadPermission,
} from '@internal/plugin-release-coordination-common';
import { Readable } from 'node:stream';
import {
  releaseSearchDocument,
  ReleaseSearchDocument,
} from './releaseDocument';

/**
 * The search document type of release plans.
 *
 * @public
 */
export const RELEASE_DOCUMENT_TYPE = 'release-coordination';

/**
 * Collates every release plan but drafts (which are their owners' own) from
 * the release-coordination backend, a page at a time, with this backend's
 * own service credentials.
 *
 * @public
 */
export class ReleaseCollatorFactory implements DocumentCollatorFactory {
  /** The document type of the results: {@link RELEASE_DOCUMENT_TYPE}. */
  readonly type = RELEASE_DOCUMENT_TYPE;
  /** Results are shown to those `release.read` allows to read the release. */
  readonly visibilityPermission = releaseReadPermission;

  constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      /** Where a result links to, `:id` standing for the release's id. */
      locationTemplate: string;
      /** Releases read per request; the API's largest page (200) by default. */
      pageSize?: number;
    },
  ) {}

  /** The documents of one indexing run, read lazily page by page. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<ReleaseSearchDocument> {
    const { auth, discovery, logger, locationTemplate } = this.options;
    const baseUrl = await discovery.getBaseUrl('release-coordination');
    let cursor: string | undefined;
    let count = 0;
    do {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'release-coordination',
      });
      const query = new URLSearchParams({
        limit: String(this.options.pageSize ?? MAX_PAGE_SIZE),
      });
      if (cursor) query.set('cursor', cursor);
      const response = await fetch(`${baseUrl}/releases?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const page: Page<Release> = await response.json();
      for (const release of page.items) {
        count += 1;
        yield releaseSearchDocument(
          release,
          locationTemplate.replace(':id', encodeURIComponent(release.id)),
        );
      }
      cursor = page.nextCursor;
    } while (cursor);
    logger.info(`Collated ${count} release plans for search`);
  }
}
