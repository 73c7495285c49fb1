import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Release,
  Rollback,
} from '@internal/plugin-release-coordination-common';
import { ImpactService } from '../impact/ImpactService';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { UserCredentials } from '../credentials';
import { rollbackRecipients } from './rollbackRecipients';

/**
 * Tells people about rollbacks through the release notifier: everyone the
 * impact report lists at decision and completion, the release managers
 * when a step fails.
 */
export class RollbackNotifier {
  constructor(
    private readonly options: {
      notifier: Pick<ReleaseNotifier, 'send' | 'changed'>;
      impact: Pick<ImpactService, 'releaseImpact'>;
      releaseManagerGroup: string;
      logger: LoggerService;
    },
  ) {}

  /** The recipients of a rollback's news; the owners alone if the impact cannot be computed. */
  private async recipients(release: Release, credentials: UserCredentials) {
    try {
      const report = await this.options.impact.releaseImpact(
        release.id,
        undefined,
        credentials,
      );
      return rollbackRecipients(release, report);
    } catch (error) {
      this.options.logger.warn(
        `Could not compute who the rollback of release ${release.id} concerns: ${error}`,
      );
      return [release.ownerRef];
    }
  }

  /** A rollback was decided: everyone it concerns hears why (not the decider). */
  async decided(
    release: Release,
    rollback: Rollback,
    credentials: UserCredentials,
  ) {
    const { decision, steps } = rollback;
    await this.options.notifier.send(
      await this.recipients(release, credentials),
      [decision.decidedBy],
      {
        title: `${release.title} ${release.version} is being rolled back${
          decision.emergency ? ' (emergency)' : ''
        }`,
        description: `${decision.decidedBy}: ${decision.reason}. ${
          steps.length
        } step(s); entities: ${rollback.entityRefs.join(', ')}.`,
        severity: decision.emergency ? 'critical' : 'high',
        scope: `${release.id}:rollback-decided`,
      },
      release,
    );
    await this.options.notifier.changed(release, 'rollback');
  }

  /** The last step was done: everyone it concerns hears the release is rolled back. */
  async completed(
    release: Release,
    rollback: Rollback,
    credentials: UserCredentials,
  ) {
    await this.options.notifier.send(
      await this.recipients(release, credentials),
      [],
      {
        title: `${release.title} ${release.version} was rolled back`,
        description: `All ${rollback.steps.length} rollback step(s) are done; it was rolled back because: ${rollback.decision.reason}.`,
        severity: 'normal',
        scope: `${release.id}:rollback-completed`,
      },
      release,
    );
  }

  /** A step failed (once per step): the release managers hear of it. */
  async stepFailed(release: Release, rollback: Rollback, index: number) {
    const step = rollback.steps[index];
    await this.options.notifier.send(
      [this.options.releaseManagerGroup],
      [],
      {
        title: `Rollback of ${release.title} ${release.version}: step ${
          index + 1
        } failed`,
        description: `"${step.title}" (${step.ownerRef}) failed${
          step.note ? `: ${step.note}` : ''
        }. The release stays rolling back until the step is done.`,
        severity: 'critical',
        scope: `${release.id}:rollback-step-failed:${index}`,
      },
      release,
    );
  }

  /** Open pages reload the rollback. */
  async changed(release: Release) {
    await this.options.notifier.changed(release, 'rollback');
  }
}
