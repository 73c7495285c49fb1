import {
  AuthService,
  BackstageCredentials,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  Release,
  ReleaseIssue,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ReleaseStore } from '../database/ReleaseStore';
import { ImpactService } from '../impact/ImpactService';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { ReleaseIssueStore } from '../releaseIssues/DatabaseReleaseIssueStore';
import {
  EscalationAudience,
  EscalationRule,
} from '../releaseIssues/escalationPolicy';
import { CatalogTaskRunOptions } from './taskRunOptions';

/** The scheduler task id of the issue escalations. */
export const ESCALATION_TASK_ID = 'release-coordination-issue-escalations';

/** What the escalation task needs. */
export interface EscalationTaskOptions extends CatalogTaskRunOptions {
  rules: EscalationRule[];
  issues: Pick<ReleaseIssueStore, 'listInStatus' | 'claimEscalation'>;
  releases: Pick<ReleaseStore, 'getReleases'>;
  impact: Pick<ImpactService, 'releaseImpact'>;
  catalog: Pick<CatalogModel, 'describe'>;
  notifier: Pick<ReleaseNotifier, 'issueEscalated'>;
  releaseManagerGroup: string;
}

/** An escalation a run sent. */
export interface SentEscalation {
  issueId: string;
  ruleKey: string;
  recipients: string[];
}

/**
 * One run of the escalations: every issue that has stayed in a rule's
 * status at a rule's severity for the rule's time notifies the rule's
 * audiences, once per issue, rule and stay in the status — the claim in the
 * database decides, so replicas racing on the same run (or a rerun) never
 * send one twice. Returns the escalations sent.
 */
export async function sendIssueEscalations(
  options: EscalationTaskOptions,
): Promise<SentEscalation[]> {
  const now = options.now?.() ?? new Date();
  const { rules } = options;
  const candidates = await options.issues.listInStatus(
    [...new Set(rules.map(r => r.status))],
    [...new Set(rules.map(r => r.severity))],
  );
  const due = candidates.flatMap(issue =>
    rules
      .filter(
        rule =>
          rule.severity === issue.severity &&
          rule.status === issue.status &&
          now.getTime() - Date.parse(issue.statusSince) >= rule.afterMs,
      )
      .map(rule => ({ issue, rule })),
  );
  const sent: SentEscalation[] = [];
  if (due.length === 0) return sent;
  const credentials = await options.credentials();
  const releases = new Map(
    (
      await options.releases.getReleases([
        ...new Set(due.map(d => d.issue.releaseId)),
      ])
    ).map(release => [release.id, release]),
  );
  for (const { issue, rule } of due) {
    const release = releases.get(issue.releaseId);
    if (!release) continue;
    try {
      const recipients = await escalationRecipients(
        rule.notify,
        { release, issue },
        { ...options, credentials },
      );
      if (
        !(await options.issues.claimEscalation(
          issue.id,
          rule.key,
          issue.statusSince,
          now,
        ))
      ) {
        continue;
      }
      if (recipients.length === 0) {
        options.logger?.warn(
          `Escalation ${rule.key} of issue ${issue.id} has nobody to notify`,
        );
        continue;
      }
      await options.notifier.issueEscalated({
        release,
        issue,
        rule,
        recipients,
      });
      sent.push({ issueId: issue.id, ruleKey: rule.key, recipients });
    } catch (error) {
      // one issue failing (e.g. the catalog) does not stop the others
      options.logger?.warn(
        `Escalation ${rule.key} of issue ${issue.id} failed: ${error}`,
      );
    }
  }
  return sent;
}

/** Who the audiences of a rule are for an issue, as entity refs. */
async function escalationRecipients(
  audiences: EscalationAudience[],
  subject: { release: Release; issue: ReleaseIssue },
  options: Pick<
    EscalationTaskOptions,
    'impact' | 'catalog' | 'releaseManagerGroup'
  > & { credentials: BackstageCredentials },
): Promise<string[]> {
  const { release, issue } = subject;
  const { credentials } = options;
  const refs = await Promise.all(
    audiences.map(async (audience): Promise<string[]> => {
      switch (audience) {
        case 'releaseManagers':
          return [options.releaseManagerGroup];
        case 'issueOwner':
          return [issue.ownerRef];
        case 'affectedDependentOwners': {
          // the dependents of the entities the issue affects
          const report = await options.impact.releaseImpact(
            { ...release, entityRefs: issue.entityRefs },
            undefined,
            credentials,
          );
          return report.dependents.flatMap(d => (d.owner ? [d.owner] : []));
        }
        case 'owningGroupParent': {
          const owner = await options.catalog.describe(
            [release.ownerRef],
            credentials,
          );
          const parentRef = owner.get(release.ownerRef)?.parentRef;
          return parentRef ? [parentRef] : [];
        }
        default:
          return [];
      }
    }),
  );
  return [...new Set(refs.flat())];
}

/**
 * Schedules the escalations every minute, once per cluster (global scope:
 * one replica runs each tick).
 */
export async function scheduleIssueEscalations(
  scheduler: SchedulerService,
  options: Omit<EscalationTaskOptions, 'credentials'> & { auth: AuthService },
): Promise<void> {
  const { auth, ...rest } = options;
  await scheduler.scheduleTask({
    id: ESCALATION_TASK_ID,
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const sent = await sendIssueEscalations({
        ...rest,
        credentials: () => auth.getOwnServiceCredentials(),
      });
      if (sent.length > 0) {
        options.logger?.info(`Sent ${sent.length} issue escalation(s)`);
      }
    },
  });
}
