import type { ServiceDependencies } from '../createServices';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ImpactService } from '../impact/ImpactService';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { ReadinessService } from '../readiness/ReadinessService';
import { ReleaseService } from '../releases/ReleaseService';
import { notesReadiness } from './notesReadiness';
import {
  listenForAnnouncements,
  readOptOutGroups,
  ReleaseAnnouncer,
} from './ReleaseAnnouncer';
import { ReleaseNotesService } from './ReleaseNotesService';

/**
 * Builds the release notes and the announcer and hooks them into the rest:
 * "Release notes present" into readiness, announcements onto the release
 * lifecycle's change listeners.
 */
export function createReleaseNotes(
  deps: ServiceDependencies,
  core: {
    releases: ReleaseService;
    catalog: CatalogModel;
    impact: ImpactService;
    readiness: Pick<ReadinessService, 'addContributor'>;
    notifier: ReleaseNotifier;
  },
): { releaseNotes: ReleaseNotesService; announcer: ReleaseAnnouncer } {
  const store = deps.stores.releaseNotesStore;
  const releaseNotes = new ReleaseNotesService({
    releases: core.releases,
    impact: core.impact,
    catalog: core.catalog,
    store,
    appBaseUrl: deps.config.getOptionalString('app.baseUrl') ?? '',
    now: deps.now,
  });
  core.readiness.addContributor(notesReadiness(store));
  const announcer = new ReleaseAnnouncer({
    notes: releaseNotes,
    impact: core.impact,
    notifier: core.notifier,
    optOutGroups: readOptOutGroups(deps.config),
  });
  listenForAnnouncements({
    releases: core.releases,
    announcer,
    logger: deps.logger,
  });
  return { releaseNotes, announcer };
}
