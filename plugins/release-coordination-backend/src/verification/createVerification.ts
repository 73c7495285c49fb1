import type { ServiceDependencies } from '../createServices';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReleaseService } from '../releases/ReleaseService';
import { HttpMetricChecker } from './HttpMetricChecker';
import { readVerificationSettings } from './verificationConfig';
import { VerificationNotifier } from './VerificationNotifier';
import { VerificationService } from './VerificationService';

/**
 * The verification service as the plugin runs it: settings from app-config,
 * the HTTP checker (when metrics are configured) ahead of the checkers of
 * the extension point, hooked into the release lifecycle.
 */
export function createVerification(
  deps: ServiceDependencies,
  services: { releases: ReleaseService; catalog: CatalogModel },
): VerificationService {
  const settings = readVerificationSettings(deps.config);
  const verification = new VerificationService({
    ...services,
    store: deps.stores.verificationStore,
    settings,
    checkers: [
      ...(Object.keys(settings.httpMetrics).length > 0
        ? [new HttpMetricChecker(settings.httpMetrics)]
        : []),
      ...(deps.verificationCheckers ?? []),
    ],
    notifier: new VerificationNotifier(deps),
    now: deps.now,
  });
  verification.register();
  return verification;
}
