import type { ServiceDependencies } from '../createServices';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReadinessService } from '../readiness/ReadinessService';
import { ReleaseIssueService } from '../releaseIssues/ReleaseIssueService';
import { ReleaseService } from '../releases/ReleaseService';
import { reviewReadiness } from './reviewReadiness';
import { readReviewSettings } from './reviewSettings';
import { ReviewService } from './ReviewService';

/**
 * The review service as the plugin runs it: settings from app-config
 * (`releaseCoordination.reviews`), facts read from the other stores, kept
 * in step with releases and their issues, and the overdue-review warning in
 * the readiness of later releases of the same entities.
 */
export function createReviews(
  deps: ServiceDependencies,
  core: {
    releases: ReleaseService;
    catalog: CatalogModel;
    readiness: Pick<ReadinessService, 'addContributor'>;
    issues: ReleaseIssueService;
  },
): ReviewService {
  const { stores } = deps;
  const settings = readReviewSettings(deps.config);
  const reviews = new ReviewService({
    releases: core.releases,
    catalog: core.catalog,
    store: stores.reviewStore,
    settings,
    sources: {
      events: id => stores.releaseStore.listEvents(id),
      issues: id => stores.releaseIssueStore.issuesOf([id]),
      decisions: async id =>
        stores.approvalStore.listDecisions(
          id,
          await stores.approvalStore.getRound(id),
        ),
      rollback: id => stores.rollbackStore.getRollback(id),
      criteria: id => stores.verificationStore.listCriteria(id),
    },
    now: deps.now,
  });
  reviews.register(core.issues);
  core.readiness.addContributor(
    reviewReadiness(stores.reviewStore, settings, deps.now),
  );
  return reviews;
}
