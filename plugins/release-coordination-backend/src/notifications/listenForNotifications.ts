import { LoggerService } from '@backstage/backend-plugin-api';
import { ApprovalService } from '../approvals/ApprovalService';
import { ReadinessService } from '../readiness/ReadinessService';
import { ReleaseService } from '../releases/ReleaseService';
import { ReleaseNotifier } from './ReleaseNotifier';

/**
 * Makes the notifier a listener of its own: every change to a release (its
 * lifecycle, overrides, edits), every approval event and every readiness
 * check reaches people through notifications and open pages through
 * signals, without the services calling the notifier. A failed delivery is
 * logged; the change stays.
 *
 * @public
 */
export function listenForNotifications(options: {
  releases: ReleaseService;
  approvals: ApprovalService;
  readiness: ReadinessService;
  notifier: ReleaseNotifier;
  logger: LoggerService;
}): void {
  const { releases, approvals, readiness, notifier, logger } = options;
  const logged = async (what: string, send: () => Promise<void>) => {
    try {
      await send();
    } catch (error) {
      logger.error(`Could not notify about ${what}: ${error}`);
    }
  };

  releases.addChangeListener(({ after, event, credentials }) =>
    logged(`release ${after.id} (${event.action})`, async () => {
      if (event.action === 'transitioned') {
        const pending =
          after.state === 'planned'
            ? await approvals.getApprovals(after, credentials, {
                forCaller: false,
              })
            : undefined;
        await notifier.transitioned({
          release: after,
          actorRef: event.actorRef,
          approvers: pending?.pending ?? [],
          round: pending?.round ?? 0,
        });
      }
      await notifier.overridden({ release: after, event });
      await notifier.changed(after, event.action);
    }),
  );

  approvals.addListener(event =>
    logged(`the approvals of release ${event.release.id}`, async () => {
      if (event.kind === 'requested') {
        // the edit that asked them again is signalled as a release change
        await notifier.approvalRequested(event);
        return;
      }
      if (event.kind === 'decided') await notifier.decided(event);
      await notifier.changed(event.release, 'approvals');
    }),
  );

  readiness.addCheckListener(release =>
    logged(`the readiness of release ${release.id}`, () =>
      notifier.changed(release, 'readiness'),
    ),
  );
}
