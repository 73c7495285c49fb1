import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReleaseService } from '../releases/ReleaseService';
import { VerificationChecker } from './checkers';
import { VerificationStore } from './DatabaseVerificationStore';
import { HttpMetricChecker } from './HttpMetricChecker';
import { readVerificationSettings } from './verificationConfig';
import { VerificationNotifier } from './VerificationNotifier';
import { VerificationService } from './VerificationService';

/**
 * The verification service as the plugin runs it: settings from app-config,
 * the HTTP checker (when metrics are configured) ahead of the checkers of
 * the extension point, hooked into the release lifecycle.
 */
export function createVerification(options: {
  releases: ReleaseService;
  store: VerificationStore;
  catalog: CatalogModel;
  config: Config;
  checkers?: readonly VerificationChecker[];
  notifications?: NotificationService;
  logger: LoggerService;
  now?: () => Date;
}): VerificationService {
  const settings = readVerificationSettings(options.config);
  const verification = new VerificationService({
    ...options,
    settings,
    notifier: new VerificationNotifier(options),
    checkers: [
      ...(Object.keys(settings.httpMetrics).length > 0
        ? [new HttpMetricChecker(settings.httpMetrics)]
        : []),
      ...(options.checkers ?? []),
    ],
  });
  verification.register();
  return verification;
}
