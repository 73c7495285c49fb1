import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateReleaseRequest,
  FreezeOccurrence,
  Page,
  Release,
  ReleaseEvent,
  TransitionReleaseRequest,
  UpdateReleaseRequest,
} from '@internal/plugin-release-coordination-common';
import {
  ListFreezeOccurrencesRequest,
  ListReleasesRequest,
  ReleaseCoordinationApi,
} from './ReleaseCoordinationApi';

/** A query string of the defined values; arrays become repeated parameters. */
function queryString(params: object): string {
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
 * {@link ReleaseCoordinationApi} over HTTP, calling the backend as the signed-in user.
 *
 * @public
 */
export class ReleaseCoordinationClient implements ReleaseCoordinationApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listReleases(
    request: ListReleasesRequest = {},
  ): Promise<Page<Release>> {
    return this.request<Page<Release>>(`/releases${queryString(request)}`);
  }

  async getRelease(id: string): Promise<Release> {
    return this.request<Release>(`/releases/${encodeURIComponent(id)}`);
  }

  async createRelease(request: CreateReleaseRequest): Promise<Release> {
    return this.request<Release>('/releases', {
      method: 'POST',
      body: request,
    });
  }

  async updateRelease(
    id: string,
    request: UpdateReleaseRequest,
  ): Promise<Release> {
    return this.request<Release>(`/releases/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async transitionRelease(
    id: string,
    request: TransitionReleaseRequest,
  ): Promise<Release> {
    return this.request<Release>(
      `/releases/${encodeURIComponent(id)}/transition`,
      { method: 'POST', body: request },
    );
  }

  async listReleaseEvents(id: string): Promise<ReleaseEvent[]> {
    const page = await this.request<{ items: ReleaseEvent[] }>(
      `/releases/${encodeURIComponent(id)}/events`,
    );
    return page.items;
  }

  async listFreezeOccurrences(
    request: ListFreezeOccurrencesRequest,
  ): Promise<FreezeOccurrence[]> {
    const page = await this.request<{ items: FreezeOccurrence[] }>(
      `/freeze-occurrences${queryString(request)}`,
    );
    return page.items;
  }

  private async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('release-coordination');
    const init: RequestInit = { method: options.method ?? 'GET' };
    if (options.body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
