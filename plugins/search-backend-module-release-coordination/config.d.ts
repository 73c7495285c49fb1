import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The search collator of release plans (`release-coordination` documents). */
      releaseCoordination?: {
        /**
         * When to index release plans again. Defaults to every 10 minutes,
         * first 30 seconds after start, at most 15 minutes a run.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Where a result links to, with `:id` for the release's id. Defaults
         * to `/release-coordination/releases/:id` (the frontend plugin's page
         * at its default path).
         */
        locationTemplate?: string;
      };
    };
  };
}
