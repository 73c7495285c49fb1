import {
  countOpenIssues,
  isSevereOpenIssue,
  ReadinessItem,
} from '@internal/plugin-release-coordination-common';
import { ReadinessContributor } from '../readiness/readinessContributions';
import { ReleaseIssueService } from './ReleaseIssueService';

/** The id of the readiness item a severe issue fails. */
export const SEVERE_ISSUES_ITEM_ID = 'no-severe-open-issues';

/**
 * What issues add to a release's readiness: the counts of its unresolved
 * issues by severity (the calendar's badge) and, once it is `released`, the
 * item "No unresolved sev1/sev2 issue", which fails (the release turns red)
 * while one is open and suggests deciding on a rollback.
 *
 * @public
 */
export function issueReadiness(
  issues: Pick<ReleaseIssueService, 'issuesOf'>,
): ReadinessContributor {
  return async release => {
    const found = await issues.issuesOf(release.id);
    const openIssues = countOpenIssues(found);
    if (release.state !== 'released')
      return { items: [], facts: { openIssues } };
    const severe = found.filter(isSevereOpenIssue);
    const item: ReadinessItem = {
      id: SEVERE_ISSUES_ITEM_ID,
      label: 'No unresolved sev1/sev2 issue',
      kind: 'automatic',
      passed: severe.length === 0,
      facts:
        severe.length === 0
          ? []
          : [
              ...severe.map(
                issue => `${issue.severity} ${issue.status}: ${issue.title}`,
              ),
              'Consider a rollback decision',
            ],
    };
    return { items: [item], facts: { openIssues } };
  };
}
