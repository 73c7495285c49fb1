import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ForwardedError, ResponseError } from '@backstage/errors';

/**
 * Calls the release-coordination API on behalf of the user who runs a
 * template: the plugin itself checks who may do what, exactly as for a
 * request from the portal.
 */
export class ReleaseCoordinationClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /**
   * Sends a JSON request as `onBehalfOf`; an answer other than 2xx is thrown
   * with the status and the plugin's own explanation, for the task log.
   */
  async request<T>(
    onBehalfOf: BackstageCredentials,
    path: string,
    init: { method?: 'GET' | 'POST'; body?: object } = {},
  ): Promise<T> {
    const { discovery, auth } = this.deps;
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl('release-coordination'),
      auth.getPluginRequestToken({
        onBehalfOf,
        targetPluginId: 'release-coordination',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body && { 'Content-Type': 'application/json' }),
      },
      body: init.body && JSON.stringify(init.body),
    });
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      throw new ForwardedError(
        `release-coordination answered ${response.status}: ${error.body.error.message}`,
        error,
      );
    }
    return (await response.json()) as T;
  }
}
