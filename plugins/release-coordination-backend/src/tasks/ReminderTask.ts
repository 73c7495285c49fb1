import {
  AuthService,
  BackstageCredentials,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  Release,
  ReleaseApprovals,
} from '@internal/plugin-release-coordination-common';
import { ApprovalService } from '../approvals/ApprovalService';
import { ApprovalStore } from '../database/DatabaseApprovalStore';
import { NotificationLogStore } from '../database/DatabaseNotificationLogStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { CatalogTaskRunOptions } from './taskRunOptions';
import { HOUR_MS, DAY_MS } from '../time';

/** Hours before a window starts in which undecided approvers are reminded, by default. */
export const DEFAULT_REMINDER_HOURS = 24;

/**
 * Days after a follow-up deadline in which overdue approvals are still
 * flagged (the task looks at the release managers' approvals of the last
 * follow-up days plus these).
 */
const OVERDUE_LOOKBACK_DAYS = 7;

/** The scheduler task id of the approval reminders. */
export const REMINDER_TASK_ID = 'release-coordination-approval-reminders';

/** Reads `releaseCoordination.notifications.reminderHours`, refusing nonsense at startup. */
export function readReminderHours(config: Config): number {
  const key = 'releaseCoordination.notifications.reminderHours';
  const hours = config.getOptionalNumber(key) ?? DEFAULT_REMINDER_HOURS;
  if (!(hours > 0) || hours > 24 * 30) {
    throw new Error(`${key} must be more than 0 and at most 720 hours`);
  }
  return hours;
}

/** What the reminder task needs. */
export interface ReminderTaskOptions extends CatalogTaskRunOptions {
  releases: Pick<ReleaseStore, 'listActiveReleases'>;
  approvals: {
    /** As `ApprovalService.pendingApprovers`. */
    pendingApprovers(
      release: Release,
      credentials: BackstageCredentials,
    ): Promise<Pick<ReleaseApprovals, 'round' | 'pending'>>;
  };
  log: Pick<NotificationLogStore, 'claimReminder'>;
  notifier: Pick<ReleaseNotifier, 'approvalReminder'>;
  reminderHours: number;
}

/**
 * One run of the reminders: every required group that has not decided on a
 * planned release whose window starts within `reminderHours` is reminded,
 * once per approval round — the claim in the database decides, so replicas
 * racing on the same run (or a rerun) never remind twice. Returns the
 * reminders sent.
 */
export async function sendApprovalReminders(
  options: ReminderTaskOptions,
): Promise<{ releaseId: string; groupRef: string; round: number }[]> {
  const now = options.now?.() ?? new Date();
  const until = new Date(now.getTime() + options.reminderHours * HOUR_MS);
  const candidates = (
    await options.releases.listActiveReleases({
      from: now.toISOString(),
      to: until.toISOString(),
    })
  ).filter(
    (release: Release) =>
      release.state === 'planned' &&
      Date.parse(release.window.start) >= now.getTime() &&
      Date.parse(release.window.start) <= until.getTime(),
  );
  const sent: { releaseId: string; groupRef: string; round: number }[] = [];
  if (candidates.length === 0) return sent;
  const credentials = await options.credentials();
  for (const release of candidates) {
    try {
      const { round, pending } = await options.approvals.pendingApprovers(
        release,
        credentials,
      );
      for (const groupRef of pending) {
        if (
          !(await options.log.claimReminder(release.id, round, groupRef, now))
        ) {
          continue;
        }
        await options.notifier.approvalReminder({ release, groupRef, round });
        sent.push({ releaseId: release.id, groupRef, round });
      }
    } catch (error) {
      // one release failing (e.g. the catalog) does not stop the others
      options.logger?.warn(
        `Approval reminders for release ${release.id} failed: ${error}`,
      );
    }
  }
  return sent;
}

/** What the follow-up of approvals collected afterwards needs. */
export interface FollowUpTaskOptions extends CatalogTaskRunOptions {
  releases: Pick<ReleaseStore, 'getReleases'>;
  approvals: Pick<ApprovalService, 'pendingApprovers'>;
  /** The approval decisions, to find the release managers' recent approvals. */
  decisions: Pick<ApprovalStore, 'listApprovalsBy'>;
  log: Pick<NotificationLogStore, 'claimFollowUp'>;
  notifier: Pick<ReleaseNotifier, 'followUpReminder' | 'followUpOverdue'>;
  /** Approves alone; its approval starts the follow-up time of the others. */
  releaseManagerGroup: string;
  /** Days the groups approving afterwards have (`approvals.emergencyFollowUp.days`). */
  followUpDays: number;
  /** Hours before the deadline in which they are reminded. */
  reminderHours: number;
}

/** A notice the follow-up run sent. */
export interface FollowUpNotice {
  releaseId: string;
  groupRef: string;
  round: number;
  kind: 'reminder' | 'overdue';
}

/**
 * One run of the follow-ups of approvals collected afterwards (emergency
 * releases): for each release the release managers approved within the last
 * follow-up days (plus a week, to flag late), the groups that still have to
 * approve afterwards are reminded once within `reminderHours` before the
 * deadline, and flagged once as overdue after it (to the group and the
 * release managers) — once per release, round, group and kind, claimed in
 * the database like the approval reminders. Cancelled releases and earlier
 * rounds are left alone. Returns the notices sent.
 */
export async function sendFollowUpNotices(
  options: FollowUpTaskOptions,
): Promise<FollowUpNotice[]> {
  const now = options.now?.() ?? new Date();
  const since = new Date(
    now.getTime() - (options.followUpDays + OVERDUE_LOOKBACK_DAYS) * DAY_MS,
  );
  const approved = await options.decisions.listApprovalsBy(
    options.releaseManagerGroup,
    since,
  );
  const sent: FollowUpNotice[] = [];
  if (approved.length === 0) return sent;
  const releases = (
    await options.releases.getReleases([
      ...new Set(approved.map(a => a.releaseId)),
    ])
  ).filter(release => release.state !== 'cancelled');
  if (releases.length === 0) return sent;
  const credentials = await options.credentials();
  for (const release of releases) {
    try {
      const approvals = await options.approvals.pendingApprovers(
        release,
        credentials,
      );
      if (!approvals.followUpDeadline) continue;
      const deadline = Date.parse(approvals.followUpDeadline);
      const overdue = new Set(approvals.overdue);
      const remindFrom = deadline - options.reminderHours * HOUR_MS;
      for (const groupRef of approvals.pendingAfter) {
        let kind: FollowUpNotice['kind'];
        if (overdue.has(groupRef)) kind = 'overdue';
        else if (now.getTime() >= remindFrom) kind = 'reminder';
        else continue;
        const { round } = approvals;
        if (
          !(await options.log.claimFollowUp(
            release.id,
            round,
            groupRef,
            kind,
            now,
          ))
        ) {
          continue;
        }
        const notice = {
          release,
          groupRef,
          round,
          deadline: approvals.followUpDeadline,
        };
        if (kind === 'reminder') {
          await options.notifier.followUpReminder(notice);
        } else {
          await options.notifier.followUpOverdue({
            ...notice,
            releaseManagerGroup: options.releaseManagerGroup,
          });
        }
        sent.push({ releaseId: release.id, groupRef, round, kind });
      }
    } catch (error) {
      options.logger?.warn(
        `Follow-up of the approvals of release ${release.id} failed: ${error}`,
      );
    }
  }
  return sent;
}

/**
 * Schedules the reminders and the follow-ups of approvals collected
 * afterwards every hour, once per cluster (global scope: one replica runs
 * each tick).
 */
export async function scheduleApprovalReminders(
  scheduler: SchedulerService,
  options: Omit<ReminderTaskOptions & FollowUpTaskOptions, 'credentials'> & {
    auth: AuthService;
  },
): Promise<void> {
  const { auth, ...rest } = options;
  await scheduler.scheduleTask({
    id: REMINDER_TASK_ID,
    frequency: { hours: 1 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const taskOptions = {
        ...rest,
        credentials: () => auth.getOwnServiceCredentials(),
      };
      const sent = await sendApprovalReminders(taskOptions);
      if (sent.length > 0) {
        options.logger?.info(`Sent ${sent.length} approval reminder(s)`);
      }
      const notices = await sendFollowUpNotices(taskOptions);
      if (notices.length > 0) {
        options.logger?.info(
          `Sent ${notices.length} follow-up notice(s) of approvals collected afterwards`,
        );
      }
    },
  });
}
