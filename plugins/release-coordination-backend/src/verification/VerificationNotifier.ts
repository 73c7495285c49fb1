import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  entityName,
  Release,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { releaseLink } from '../notifications/ReleaseNotifier';

/** What a criterion asks for and the checker's latest proposal, for a notification. */
function describe(criterion: SuccessCriterion): string {
  const { check, proposal } = criterion;
  const measured = check
    ? ` (${check.metric} ${check.comparator} ${check.threshold} over ${check.window})`
    : '';
  let proposed = '';
  if (proposal?.error) {
    proposed = ` The checker could not tell: ${proposal.error}`;
  } else if (proposal?.result) {
    proposed = ` The checker proposes ${proposal.result.replace('_', ' ')} (${
      proposal.observedValue
    }).`;
  }
  return `"${criterion.text}"${measured}.${proposed}`;
}

/** A criterion's text in quotes, cut to 60 characters: each notice's title names its own criterion. */
function quoted(text: string): string {
  return `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}

/**
 * Tells owners and release managers about success criteria still open when
 * their observation window ended, through Backstage notifications. Each
 * notification's `scope` names the criterion and kind, so a retried send
 * updates instead of duplicating; the task's claim makes it once per cluster.
 * Delivery failures are logged, never thrown.
 */
export class VerificationNotifier {
  constructor(
    private readonly options: {
      notifications?: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** The criterion's owner: its window ended and no result is recorded. */
  async windowEnded(release: Release, criterion: SuccessCriterion) {
    await this.send(release, criterion, [criterion.ownerRef], {
      title: `Record the result of ${quoted(criterion.text)}: ${
        release.title
      } ${release.version}`,
      description: `The observation window of ${describe(
        criterion,
      )} ended; mark it met, not met or waived.`,
      severity: 'high',
      kind: 'window-ended',
    });
  }

  /** The release managers: the criterion is still open a while after its window ended. */
  async escalated(
    release: Release,
    criterion: SuccessCriterion,
    releaseManagerGroup: string,
  ) {
    await this.send(release, criterion, [releaseManagerGroup], {
      title: `Still open: ${quoted(criterion.text)} of ${release.title} ${
        release.version
      }`,
      description: `${entityName(
        criterion.ownerRef,
      )} has not recorded ${describe(criterion)}`,
      severity: 'critical',
      kind: 'escalated',
    });
  }

  private async send(
    release: Release,
    criterion: SuccessCriterion,
    entityRef: string[],
    message: {
      title: string;
      description: string;
      severity: 'high' | 'critical';
      kind: string;
    },
  ) {
    const { notifications, logger } = this.options;
    if (!notifications) return;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title: message.title,
          description: message.description,
          severity: message.severity,
          link: releaseLink(release.id),
          topic: `release:${release.id}`,
          scope: `release-coordination:${release.id}:criterion:${criterion.id}:${message.kind}`,
        },
      });
    } catch (error) {
      logger.warn(
        `Could not send a notification about criterion ${criterion.id} of release ${release.id}: ${error}`,
      );
    }
  }
}
