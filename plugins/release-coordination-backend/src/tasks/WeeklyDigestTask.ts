import { SchedulerService } from '@backstage/backend-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import { NotificationLogStore } from '../database/DatabaseNotificationLogStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { TaskRunOptions } from './taskRunOptions';

/** The scheduler task id of the weekly digest. */
export const DIGEST_TASK_ID = 'release-coordination-weekly-digest';

/** Mondays at 07:00 (UTC, as the scheduler evaluates cron). */
export const DIGEST_CRON = '0 7 * * 1';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** What the digest task needs. */
export interface WeeklyDigestTaskOptions extends TaskRunOptions {
  releases: Pick<ReleaseStore, 'listActiveReleases'>;
  log: Pick<NotificationLogStore, 'claimDigest'>;
  notifier: Pick<ReleaseNotifier, 'weeklyDigest'>;
}

/**
 * One run of the digest: each owner group with active releases starting in
 * the coming seven days gets one notification listing them (with links),
 * once per group and week (the UTC date of the run) — the claim in the
 * database decides, so replicas or reruns never send it twice. Drafts are
 * listed too: they go to their owners only. Returns the groups sent to.
 */
export async function sendWeeklyDigests(
  options: WeeklyDigestTaskOptions,
): Promise<{ groupRef: string; releaseIds: string[] }[]> {
  const now = options.now?.() ?? new Date();
  const until = new Date(now.getTime() + WEEK_MS);
  const week = now.toISOString().slice(0, 10);
  const upcoming = (
    await options.releases.listActiveReleases({
      from: now.toISOString(),
      to: until.toISOString(),
    })
  ).filter(
    release =>
      Date.parse(release.window.start) >= now.getTime() &&
      Date.parse(release.window.start) <= until.getTime(),
  );
  const byOwner = new Map<string, Release[]>();
  for (const release of upcoming) {
    byOwner.set(release.ownerRef, [
      ...(byOwner.get(release.ownerRef) ?? []),
      release,
    ]);
  }
  const sent: { groupRef: string; releaseIds: string[] }[] = [];
  for (const [groupRef, releases] of [...byOwner].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    try {
      if (!(await options.log.claimDigest(groupRef, week, now))) continue;
      releases.sort(
        (a, b) =>
          a.window.start.localeCompare(b.window.start) ||
          a.id.localeCompare(b.id),
      );
      await options.notifier.weeklyDigest({ groupRef, week, releases });
      sent.push({ groupRef, releaseIds: releases.map(r => r.id) });
    } catch (error) {
      options.logger?.warn(`Weekly digest for ${groupRef} failed: ${error}`);
    }
  }
  return sent;
}

/**
 * Schedules the digest on Monday mornings, once per cluster (global scope:
 * one replica runs each tick).
 */
export async function scheduleWeeklyDigest(
  scheduler: SchedulerService,
  options: WeeklyDigestTaskOptions,
): Promise<void> {
  await scheduler.scheduleTask({
    id: DIGEST_TASK_ID,
    frequency: { cron: DIGEST_CRON },
    timeout: { minutes: 15 },
    fn: async () => {
      const sent = await sendWeeklyDigests(options);
      if (sent.length > 0) {
        options.logger?.info(
          `Sent the weekly digest to ${sent.length} group(s)`,
        );
      }
    },
  });
}
