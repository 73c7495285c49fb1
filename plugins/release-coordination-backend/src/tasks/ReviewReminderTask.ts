import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { ReviewStore } from '../reviews/DatabaseReviewStore';
import { TaskRunOptions } from './taskRunOptions';

/** The scheduler task id of the overdue action-item reminders. */
export const REVIEW_REMINDER_TASK_ID = 'release-coordination-review-reminders';

/** What one run of the review reminders needs. */
export interface ReviewReminderOptions extends TaskRunOptions {
  store: Pick<ReviewStore, 'listUnremindedOverdue' | 'claimReminder'>;
  releases: Pick<ReleaseStore, 'getReleases'>;
  notifier: Pick<ReleaseNotifier, 'send'>;
}

/**
 * One run over the open action items of reviews whose due date (a UTC
 * calendar date) has passed: each item's owner is told once per due date,
 * as the claim in the database decides, so replicas racing on a run (or a
 * rerun) never send twice; moving the due date re-arms the reminder.
 * Returns the ids of the items reminded of.
 */
export async function runReviewReminders(
  options: ReviewReminderOptions,
): Promise<string[]> {
  const now = options.now?.() ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const overdue = await options.store.listUnremindedOverdue(today);
  if (overdue.length === 0) return [];
  const releases = new Map(
    (
      await options.releases.getReleases([
        ...new Set(overdue.map(i => i.releaseId)),
      ])
    ).map(r => [r.id, r]),
  );
  const sent: string[] = [];
  for (const item of overdue) {
    const release = releases.get(item.releaseId);
    if (!release) continue;
    try {
      if (!(await options.store.claimReminder(item.id, item.dueDate))) continue;
      await options.notifier.send(
        [item.ownerRef],
        [],
        {
          title: `Overdue action item: ${release.title} ${release.version}`,
          description: `"${item.title}" from the post-release review was due ${item.dueDate} and is still open.`,
          severity: 'normal',
          scope: `${release.id}:review-action-item:${item.id}:${item.dueDate}`,
        },
        release,
      );
      sent.push(item.id);
    } catch (error) {
      // one item failing (e.g. the database) does not stop the others
      options.logger?.warn(
        `Reminder of action item ${item.id} of release ${release.id} failed: ${error}`,
      );
    }
  }
  return sent;
}

/** Schedules the reminders every hour, once per cluster (global scope). */
export async function scheduleReviewReminders(
  scheduler: SchedulerService,
  options: ReviewReminderOptions & { logger?: LoggerService },
): Promise<void> {
  await scheduler.scheduleTask({
    id: REVIEW_REMINDER_TASK_ID,
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 2 },
    fn: async () => {
      const sent = await runReviewReminders(options);
      if (sent.length > 0) {
        options.logger?.info(
          `Reminded the owners of ${sent.length} overdue review action item(s)`,
        );
      }
    },
  });
}
