import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Services } from '../createServices';
import { Stores } from '../database/createStores';
import { readReminderHours, scheduleApprovalReminders } from './ReminderTask';
import { scheduleVerificationTask } from './VerificationTask';
import { scheduleWeeklyDigest } from './WeeklyDigestTask';
import { scheduleIssueEscalations } from './EscalationTask';
import { scheduleReviewReminders } from './ReviewReminderTask';
import { scheduleConflictReconciliation } from './ConflictReconciliationTask';

/**
 * Registers the plugin's scheduled work: the catalog graph refresh (local:
 * every replica keeps its own copy) and the approval reminders and weekly
 * digest (global: one replica runs each tick, the notification log sends
 * each message once), and the conflicts table's reconciliation (global).
 *
 * @public
 */
export async function scheduleTasks(options: {
  scheduler: SchedulerService;
  services: Services;
  stores: Stores;
  config: Config;
  auth: AuthService;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, services, stores, config, auth, logger } = options;
  await services.catalog.schedule(scheduler);
  await scheduleApprovalReminders(scheduler, {
    releases: stores.releaseStore,
    approvals: services.approvals,
    decisions: stores.approvalStore,
    log: stores.notificationLog,
    notifier: services.notifier,
    auth,
    reminderHours: readReminderHours(config),
    releaseManagerGroup: services.approvalPolicy.releaseManagerGroup,
    followUpDays: services.approvalPolicy.followUpDays,
    logger,
  });
  await scheduleWeeklyDigest(scheduler, {
    releases: stores.releaseStore,
    log: stores.notificationLog,
    notifier: services.notifier,
    logger,
  });
  await scheduleVerificationTask(scheduler, { services, stores, logger });
  await scheduleIssueEscalations(scheduler, {
    rules: services.escalationRules,
    issues: stores.releaseIssueStore,
    releases: stores.releaseStore,
    impact: services.impact,
    catalog: services.catalog,
    notifier: services.notifier,
    auth,
    logger,
    releaseManagerGroup: services.approvalPolicy.releaseManagerGroup,
  });
  await scheduleConflictReconciliation(scheduler, {
    table: services.conflictTable,
    logger,
  });
  await scheduleReviewReminders(scheduler, {
    store: stores.reviewStore,
    releases: stores.releaseStore,
    notifier: services.notifier,
    logger,
  });
}
