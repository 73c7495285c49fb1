import { Config } from '@backstage/config';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { ReadinessService } from '../readiness/ReadinessService';
import { ReleaseService } from '../releases/ReleaseService';
import { ReleaseIssueStore } from './DatabaseReleaseIssueStore';
import { EscalationRule, readEscalationPolicy } from './escalationPolicy';
import { issueReadiness } from './issueReadiness';
import { ReleaseIssueService } from './ReleaseIssueService';

/**
 * Builds the issue service and hooks it into the rest: its counts and the
 * severe-issue item into readiness, a signal to open pages on every change;
 * reads (and checks) the escalation rules.
 *
 * @public
 */
export function wireReleaseIssues(options: {
  stores: { releaseIssueStore: ReleaseIssueStore };
  releases: ReleaseService;
  catalog: CatalogModel;
  readiness: Pick<ReadinessService, 'addContributor'>;
  notifier: Pick<ReleaseNotifier, 'changed'>;
  config: Config;
  now?: () => Date;
}): { issues: ReleaseIssueService; escalationRules: EscalationRule[] } {
  const issues = new ReleaseIssueService({
    ...options,
    store: options.stores.releaseIssueStore,
  });
  options.readiness.addContributor(issueReadiness(issues));
  issues.addChangeListener(release =>
    options.notifier.changed(release, 'issues'),
  );
  return { issues, escalationRules: readEscalationPolicy(options.config) };
}
