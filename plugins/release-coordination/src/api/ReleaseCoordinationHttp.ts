import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** A query string of the defined values; arrays become repeated parameters. */
export function queryString(params: object): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== '') {
        query.append(key, String(item));
      }
    }
  }
  const qs = query.toString();
  return qs ? `?${qs}` : '';
}

/**
 * Calls the release-coordination backend as the signed-in user: JSON in and
 * out, a `ResponseError` (from `@backstage/errors`) for every answer that is not ok.
 *
 * @public
 */
export abstract class ReleaseCoordinationHttp {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** The JSON answer of a call (undefined for 204). */
  protected async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const init: RequestInit = { method: options.method ?? 'GET' };
    if (options.body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    const response = await this.fetchOk(path, init);
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  /**
   * The items a batch route (`?releaseId=…` repeated) lists for many
   * releases, asked `batchSize` at a time, in order.
   */
  protected async itemsOfReleases<T>(
    path: string,
    releaseIds: string[],
    batchSize: number,
  ): Promise<T[]> {
    const batches: string[][] = [];
    for (let i = 0; i < releaseIds.length; i += batchSize) {
      batches.push(releaseIds.slice(i, i + batchSize));
    }
    const pages = await Promise.all(
      batches.map(releaseId =>
        this.request<{ items: T[] }>(`${path}${queryString({ releaseId })}`),
      ),
    );
    return pages.flatMap(page => page.items);
  }

  /** The answer of a call, when it is ok. */
  protected async fetchOk(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('release-coordination');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
