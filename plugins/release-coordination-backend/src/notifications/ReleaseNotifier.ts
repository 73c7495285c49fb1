import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ApprovalDecision,
  Release,
  RELEASE_SIGNAL_CHANNEL,
  ReleaseChangedSignal,
  ReleaseEvent,
  ReleaseEventAction,
  ReleaseIssue,
  ReleaseState,
  entityName,
} from '@internal/plugin-release-coordination-common';

type NotificationPayload = Parameters<
  NotificationService['send']
>[0]['payload'];

/** What each override event says happened. */
const OVERRIDE_TITLES: Partial<Record<ReleaseEventAction, string>> = {
  'freeze-overridden': 'goes ahead despite a freeze',
  'freeze-override-cleared': 'freeze override removed',
  'risk-overridden': 'risk level overridden',
  'risk-override-cleared': 'risk override removed',
};

const STATE_TITLES: Partial<Record<ReleaseState, string>> = {
  planned: 'is planned',
  approved: 'is approved',
  in_progress: 'is starting',
  released: 'is released',
  rolled_back: 'was rolled back',
  cancelled: 'was cancelled',
};

/** The link to a release page in the app. */
export const releaseLink = (id: string) =>
  `/release-coordination/releases/${id}`;

/** A release's approval round: who asked (`actorRef`) and the approver groups. */
export type ApprovalRound = {
  release: Release;
  actorRef: string;
  approvers: string[];
  round: number;
};

/** A reminder to one group about its approval of a release, in a reminder round. */
export type GroupReminder = {
  release: Release;
  groupRef: string;
  round: number;
};

/** A reminder about an approval afterwards, due by `deadline`. */
export type FollowUpReminder = GroupReminder & { deadline: string };

/**
 * Tells people about releases through the notifications service and open
 * pages through signals. One notification per event and recipient set; its
 * `scope` names the event, so a retried send updates instead of duplicating.
 * Delivery failures are logged, never thrown.
 */
export class ReleaseNotifier {
  private readonly notifications?: NotificationService;
  private readonly signals?: SignalsService;
  private readonly logger: LoggerService;

  constructor(options: {
    notifications?: NotificationService;
    signals?: SignalsService;
    logger: LoggerService;
  }) {
    this.notifications = options.notifications;
    this.signals = options.signals;
    this.logger = options.logger;
  }

  /** Publishes a signal that a release changed, so open pages reload it. */
  async changed(release: Release, what: string): Promise<void> {
    if (!this.signals) return;
    try {
      const message: ReleaseChangedSignal = {
        id: release.id,
        revision: release.revision,
        what,
      };
      await this.signals.publish({
        recipients: { type: 'broadcast' },
        channel: RELEASE_SIGNAL_CHANNEL,
        message,
      });
    } catch (error) {
      this.logger.warn(
        `Could not publish a signal for release ${release.id}: ${error}`,
      );
    }
  }

  /**
   * A release moved: the owners of its entities and the release owner hear
   * about it (not the actor). Entering `planned` asks the approver groups for
   * their decision instead, and the others just hear it is planned.
   */
  async transitioned(options: ApprovalRound): Promise<void> {
    const { release, actorRef, approvers, round } = options;
    const title = STATE_TITLES[release.state];
    if (!title) return;
    if (release.state === 'planned' && approvers.length > 0) {
      await this.approvalRequested({ release, actorRef, approvers, round });
    }
    await this.send(
      [...release.entityRefs, release.ownerRef],
      [actorRef, ...(release.state === 'planned' ? approvers : [])],
      {
        title: `${release.title} ${release.version} ${title}`,
        description: `Window ${release.window.start} – ${release.window.end}; ${
          release.entityRefs.length
        } entit${release.entityRefs.length === 1 ? 'y' : 'ies'}.`,
        severity: release.state === 'rolled_back' ? 'high' : 'normal',
        scope: `${release.id}:state:${release.state}`,
      },
      release,
    );
  }

  /**
   * A freeze or risk override was set or cleared: the owners and the
   * entities' owners hear of it (not the one who did it), once per event.
   */
  async overridden(options: {
    release: Release;
    event: Pick<ReleaseEvent, 'action' | 'actorRef' | 'createdAt' | 'reason'>;
  }): Promise<void> {
    const { release, event } = options;
    const what = OVERRIDE_TITLES[event.action];
    if (!what) return;
    await this.send(
      [...release.entityRefs, release.ownerRef],
      [event.actorRef],
      {
        title: `${release.title} ${release.version}: ${what}`,
        description: event.reason
          ? `By ${entityName(event.actorRef)}: ${event.reason}`
          : `By ${entityName(event.actorRef)}.`,
        severity: event.action.endsWith('-overridden') ? 'high' : 'normal',
        scope: `${release.id}:${event.action}:${event.createdAt}`,
      },
      release,
    );
  }

  /** The approver groups are asked for their decision (one notification per round). */
  async approvalRequested(options: ApprovalRound): Promise<void> {
    const { release, actorRef, approvers, round } = options;
    if (approvers.length === 0) return;
    await this.send(
      approvers,
      [actorRef],
      {
        title: `Your approval is requested: ${release.title} ${release.version}`,
        description: `Approve or reject the release planned for ${release.window.start}.`,
        severity: 'high',
        scope: `${release.id}:approval-requested:${round}`,
      },
      release,
    );
  }

  /** A group approved or rejected: the release owner hears about it. */
  async decided(options: {
    release: Release;
    decisions: ApprovalDecision[];
    round: number;
  }): Promise<void> {
    const { release, decisions, round } = options;
    if (decisions.length === 0) return;
    const { decision, by, comment } = decisions[0];
    const groups = decisions.map(d => d.groupRef).join(', ');
    await this.send(
      [release.ownerRef],
      [by],
      {
        title: `${release.title} ${release.version} was ${
          decision === 'approve' ? 'approved' : 'rejected'
        } by ${decisions.map(d => entityName(d.groupRef)).join(', ')}`,
        description: comment || undefined,
        severity: decision === 'reject' ? 'high' : 'normal',
        scope: `${release.id}:decision:${round}:${groups}`,
      },
      release,
    );
  }

  /**
   * Reminds one approver group that its decision is still missing before the
   * window starts (the caller makes sure it is sent once per round).
   */
  async approvalReminder(options: GroupReminder): Promise<void> {
    const { release, groupRef, round } = options;
    await this.send(
      [groupRef],
      [],
      {
        title: `Reminder: your approval is still missing for ${release.title} ${release.version}`,
        description: `The window starts ${release.window.start}; approve or reject the release before then.`,
        severity: 'high',
        scope: `${release.id}:approval-reminder:${round}:${groupRef}`,
      },
      release,
    );
  }

  /** Reminds a group to approve an emergency release afterwards, before the deadline. */
  async followUpReminder(options: FollowUpReminder): Promise<void> {
    const { release, groupRef, round, deadline } = options;
    await this.send(
      [groupRef],
      [],
      {
        title: `Reminder: approve ${release.title} ${release.version} afterwards by ${deadline}`,
        description: `The release managers approved this ${release.type} release alone; your approval (or rejection) is due by ${deadline}.`,
        severity: 'high',
        scope: `${release.id}:follow-up-reminder:${round}:${groupRef}`,
      },
      release,
    );
  }

  /** Tells a group and the release managers that an approval afterwards is overdue. */
  async followUpOverdue(
    options: FollowUpReminder & { releaseManagerGroup: string },
  ): Promise<void> {
    const { release, groupRef, round, deadline } = options;
    await this.send(
      [groupRef, options.releaseManagerGroup],
      [],
      {
        title: `Overdue: ${entityName(groupRef)} has not approved ${
          release.title
        } ${release.version} afterwards`,
        description: `The approval collected afterwards was due by ${deadline}.`,
        severity: 'critical',
        scope: `${release.id}:follow-up-overdue:${round}:${groupRef}`,
      },
      release,
    );
  }

  /**
   * Escalates an issue of a release that stayed in its status too long
   * (the caller makes sure each escalation is sent once).
   */
  async issueEscalated(options: {
    release: Release;
    issue: ReleaseIssue;
    rule: { key: string; after: string };
    recipients: string[];
  }): Promise<void> {
    const { release, issue, rule, recipients } = options;
    await this.send(
      recipients,
      [],
      {
        title: `Escalation: ${issue.severity} issue "${issue.title}" on ${release.title} ${release.version} is still ${issue.status}`,
        description: `${issue.status} since ${issue.statusSince} (longer than ${
          rule.after
        }); owner ${entityName(issue.ownerRef)}.`,
        severity: issue.severity === 'sev1' ? 'critical' : 'high',
        scope: `${release.id}:issue-escalation:${issue.id}:${rule.key}:${issue.statusSince}`,
      },
      release,
    );
  }

  /** A group's digest of its releases in the coming week, each with its link. */
  async weeklyDigest(options: {
    groupRef: string;
    week: string;
    releases: Release[];
  }): Promise<void> {
    const { groupRef, week, releases } = options;
    if (!this.notifications || releases.length === 0) return;
    const lines = releases.map(
      r =>
        `• ${r.title} ${r.version} (${r.state}), ${
          r.window.start
        }: ${releaseLink(r.id)}`,
    );
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: groupRef },
        payload: {
          title: `Your releases this week: ${releases.length}`,
          description: lines.join('\n'),
          link: '/release-coordination',
          severity: 'low',
          topic: 'release-coordination:weekly-digest',
          scope: `release-coordination:digest:${week}:${groupRef}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send the weekly digest to ${groupRef}: ${error}`,
      );
    }
  }

  /**
   * Sends one notification about a release to entities (users, groups)
   * except some; `scope` names the event, once per recipient set.
   */
  async send(
    entityRefs: string[],
    excludeEntityRefs: string[],
    payload: Omit<NotificationPayload, 'link' | 'topic' | 'scope'> & {
      scope: string;
    },
    release: Release,
  ): Promise<void> {
    if (!this.notifications) return;
    const recipients = [...new Set(entityRefs)];
    const excluded = [...new Set(excludeEntityRefs)];
    try {
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          ...(excluded.length > 0 && { excludeEntityRef: excluded }),
        },
        payload: {
          ...payload,
          link: releaseLink(release.id),
          topic: `release:${release.id}`,
          scope: `release-coordination:${payload.scope}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not send a notification about release ${release.id}: ${error}`,
      );
    }
  }
}
