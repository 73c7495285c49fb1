import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  Release,
  ReleaseEvent,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { Duration } from 'luxon';
import { ReleaseStore } from '../database/ReleaseStore';
import { proposeFor, VerificationChecker } from '../verification/checkers';
import { VerificationStore } from '../verification/DatabaseVerificationStore';
import { VerificationNotifier } from '../verification/VerificationNotifier';
import type { Services } from '../createServices';
import type { Stores } from '../database/createStores';
import { TaskRunOptions } from './taskRunOptions';

/** The scheduler task id of the verification checks and reminders. */
export const VERIFICATION_TASK_ID = 'release-coordination-verification';

/** What one run of the verification task needs. */
export interface VerificationTaskOptions extends TaskRunOptions {
  store: Pick<
    VerificationStore,
    'listOpenOfReleased' | 'setProposal' | 'claimNotice'
  >;
  releases: Pick<ReleaseStore, 'getReleases' | 'listEvents'>;
  checkers: readonly VerificationChecker[];
  notifier: Pick<VerificationNotifier, 'windowEnded' | 'escalated'>;
  releaseManagerGroup: string;
  /** Milliseconds after a window ended before the release managers are told. */
  escalateAfterMs: number;
}

/** A notification one run sent. */
export interface VerificationNotice {
  releaseId: string;
  criterionId: string;
  kind: 'owner' | 'managers';
}

/** When a release last moved to `released`, from its history. */
function releasedAt(events: ReleaseEvent[]): number | undefined {
  const moves = events.filter(e =>
    e.changes.some(c => c.field === 'state' && c.after === 'released'),
  );
  const last = moves[moves.length - 1];
  return last ? Date.parse(last.createdAt) : undefined;
}

/** The notices due for one open criterion of a released release, claimed and sent. */
async function notify(
  options: VerificationTaskOptions,
  release: Release,
  criterion: SuccessCriterion,
  windowEnd: number,
  now: Date,
): Promise<VerificationNotice[]> {
  const sent: VerificationNotice[] = [];
  const due: VerificationNotice['kind'][] = [];
  if (now.getTime() >= windowEnd) due.push('owner');
  if (now.getTime() >= windowEnd + options.escalateAfterMs) {
    due.push('managers');
  }
  for (const kind of due) {
    if (!(await options.store.claimNotice(criterion.id, kind, now))) continue;
    if (kind === 'owner') {
      await options.notifier.windowEnded(release, criterion);
    } else {
      await options.notifier.escalated(
        release,
        criterion,
        options.releaseManagerGroup,
      );
    }
    sent.push({ releaseId: release.id, criterionId: criterion.id, kind });
  }
  return sent;
}

/**
 * One run over the open criteria (no result recorded) of released releases:
 * each measurable one gets the proposal of its checker (stored on the
 * criterion, never recorded as its result); once its observation window
 * (from the release's `released` time) ended, its owner is told, and the
 * release managers `escalateAfterMs` later — each once per criterion, as the
 * claim in the database decides, so replicas racing on the same run (or a
 * rerun) never send twice. Returns the notices sent.
 */
export async function runVerificationTask(
  options: VerificationTaskOptions,
): Promise<VerificationNotice[]> {
  const now = options.now?.() ?? new Date();
  const open = await options.store.listOpenOfReleased();
  if (open.length === 0) return [];
  const releases = new Map(
    (
      await options.releases.getReleases([
        ...new Set(open.map(c => c.releaseId)),
      ])
    ).map(r => [r.id, r]),
  );
  const sent: VerificationNotice[] = [];
  const startOf = new Map<string, number | undefined>();
  for (const criterion of open) {
    const release = releases.get(criterion.releaseId);
    if (!release) continue;
    try {
      const proposal = await proposeFor(
        options.checkers,
        release,
        criterion,
        now,
      );
      if (proposal) await options.store.setProposal(criterion.id, proposal);
      if (!criterion.check) continue;
      if (!startOf.has(release.id)) {
        startOf.set(
          release.id,
          releasedAt(await options.releases.listEvents(release.id)),
        );
      }
      const start = startOf.get(release.id);
      if (start === undefined) continue;
      const windowEnd =
        start + Duration.fromISO(criterion.check.window).toMillis();
      const current = proposal ? { ...criterion, proposal } : criterion;
      sent.push(...(await notify(options, release, current, windowEnd, now)));
    } catch (error) {
      // one criterion failing (e.g. the database) does not stop the others
      options.logger?.warn(
        `Verification of criterion ${criterion.id} of release ${release.id} failed: ${error}`,
      );
    }
  }
  return sent;
}

/**
 * Schedules the verification task every 15 minutes, once per cluster
 * (global scope: one replica runs each tick).
 */
export async function scheduleVerificationTask(
  scheduler: SchedulerService,
  {
    services,
    stores,
    logger,
  }: { services: Services; stores: Stores; logger?: LoggerService },
): Promise<void> {
  const { verification } = services;
  const options: VerificationTaskOptions = {
    store: stores.verificationStore,
    releases: stores.releaseStore,
    checkers: verification.checkers,
    notifier: verification.notifier,
    releaseManagerGroup: services.approvalPolicy.releaseManagerGroup,
    escalateAfterMs: verification.settings.escalateAfterMs,
    logger,
  };
  await scheduler.scheduleTask({
    id: VERIFICATION_TASK_ID,
    frequency: { minutes: 15 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const sent = await runVerificationTask(options);
      if (sent.length > 0) {
        options.logger?.info(
          `Sent ${sent.length} notice(s) about open success criteria`,
        );
      }
    },
  });
}
