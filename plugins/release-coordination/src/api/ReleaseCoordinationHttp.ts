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

  /** The JSON answer of a call, sending `body` as JSON (undefined for 204). */
  protected async request<T>(
    path: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' = 'GET',
    body?: unknown,
  ): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const response = await this.fetchOk(path, init);
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  /** `/releases/:id`, or `rest` (`/notes`, `/handover/accept`…) below it. */
  protected releasePath(id: string, rest: string = ''): string {
    return `/releases/${encodeURIComponent(id)}${rest}`;
  }

  /** The `items` of a listing call, which answers `{ items: [...] }`. */
  protected async requestItems<T>(path: string): Promise<T[]> {
    return (await this.request<{ items: T[] }>(path)).items;
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
        this.requestItems<T>(`${path}${queryString({ releaseId })}`),
      ),
    );
    return pages.flat();
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
