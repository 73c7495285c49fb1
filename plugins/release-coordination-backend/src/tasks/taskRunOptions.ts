import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** What every run of a scheduled task may be given: a logger and a clock. */
export interface TaskRunOptions {
  logger?: LoggerService;
  /** The clock, for tests (default: the real one). */
  now?: () => Date;
}

/** A task run that reads the catalog, with the plugin's own credentials. */
export interface CatalogTaskRunOptions extends TaskRunOptions {
  /** Credentials to read the catalog with (the plugin's own). */
  credentials: () => Promise<BackstageCredentials>;
}
