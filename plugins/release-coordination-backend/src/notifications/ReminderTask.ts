import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Release } from '@internal/plugin-release-coordination-common';
import { ApprovalService } from '../approvals/ApprovalService';
import { DatabaseNotificationLogStore } from '../database/DatabaseNotificationLogStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseNotifier } from './ReleaseNotifier';

/** Hours before a window starts in which undecided approvers are reminded, by default. */
export const DEFAULT_REMINDER_HOURS = 24;

const HOUR_MS = 60 * 60 * 1000;

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
export interface ReminderTaskOptions {
  releases: Pick<ReleaseStore, 'listActiveReleases'>;
  approvals: Pick<ApprovalService, 'pendingApprovers'>;
  log: Pick<DatabaseNotificationLogStore, 'claimReminder'>;
  notifier: Pick<ReleaseNotifier, 'approvalReminder'>;
  /** Credentials to read the catalog with (the plugin's own). */
  credentials: () => Promise<BackstageCredentials>;
  reminderHours: number;
  logger?: LoggerService;
  now?: () => Date;
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

/**
 * Schedules the reminders every hour, once per cluster (global scope: one
 * replica runs each tick).
 */
export async function scheduleApprovalReminders(
  scheduler: SchedulerService,
  options: Omit<ReminderTaskOptions, 'credentials'> & { auth: AuthService },
): Promise<void> {
  const { auth, ...rest } = options;
  await scheduler.scheduleTask({
    id: REMINDER_TASK_ID,
    frequency: { hours: 1 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const sent = await sendApprovalReminders({
        ...rest,
        credentials: () => auth.getOwnServiceCredentials(),
      });
      if (sent.length > 0) {
        options.logger?.info(`Sent ${sent.length} approval reminder(s)`);
      }
    },
  });
}
