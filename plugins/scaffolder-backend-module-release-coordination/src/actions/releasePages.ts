import { RootConfigService } from '@backstage/backend-plugin-api';

/** The portal page of a release, from `app.baseUrl`. */
export function releasePageUrl(config: RootConfigService, releaseId: string) {
  const base = config.getOptionalString('app.baseUrl') ?? '';
  return `${base}/release-coordination/releases/${encodeURIComponent(
    releaseId,
  )}`;
}
