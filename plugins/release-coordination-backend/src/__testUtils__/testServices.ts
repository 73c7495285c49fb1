/*
 * Test-only: the plugin's own composition root (`createStores` and
 * `createServices`) over a test database, with mock core services.
 */
import {
  AuditorService,
  AuthService,
  DatabaseService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { createServices, Services } from '../createServices';
import { createStores, Stores } from '../database/createStores';

/**
 * Every store and service, wired exactly as the plugin wires them; core
 * services are Backstage's mocks unless given (permissions allow
 * everything), configuration is `config` under `releaseCoordination`.
 */
export async function createTestServices(options: {
  database: DatabaseService;
  catalog: CatalogService;
  userInfo?: UserInfoService;
  permissions?: PermissionsService;
  auth?: AuthService;
  auditor?: AuditorService;
  notifications?: NotificationService;
  signals?: SignalsService;
  /** The `releaseCoordination` configuration. */
  config?: JsonObject;
  /** The `app` configuration (e.g. `baseUrl`). */
  app?: JsonObject;
  now?: () => Date;
}): Promise<Services & { stores: Stores }> {
  const stores = await createStores(options.database);
  const services = createServices({
    stores,
    config: new ConfigReader({
      releaseCoordination: options.config ?? {},
      ...(options.app && { app: options.app }),
    }),
    catalog: options.catalog,
    auth: options.auth ?? mockServices.auth(),
    permissions: options.permissions ?? mockServices.permissions(),
    userInfo: options.userInfo ?? mockServices.userInfo(),
    auditor: options.auditor ?? mockServices.auditor.mock(),
    logger: mockServices.logger.mock(),
    discovery: mockServices.discovery(),
    notifications: options.notifications,
    signals: options.signals,
    now: options.now,
  });
  return { ...services, stores };
}
