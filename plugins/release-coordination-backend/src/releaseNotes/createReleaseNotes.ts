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
import { NotesFeedService } from './NotesFeedService';

/**
 * Builds the release notes, the announcer and the Atom feeds of released
 * notes, and hooks them into the rest:
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
): {
  releaseNotes: ReleaseNotesService;
  announcer: ReleaseAnnouncer;
  notesFeeds: NotesFeedService;
} {
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
  const notesFeeds = new NotesFeedService({
    feeds: deps.stores.calendarFeedStore,
    releases: deps.stores.releaseStore,
    catalog: core.catalog,
    notes: releaseNotes,
    auth: deps.auth,
    discovery: deps.discovery,
    now: deps.now,
  });
  return { releaseNotes, announcer, notesFeeds };
}
