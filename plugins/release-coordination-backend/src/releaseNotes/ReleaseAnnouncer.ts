import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  AnnouncementMessage,
  AnnouncementMoment,
  AnnouncementPreview,
  NOTES_AUDIENCES,
  NotesAudience,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { ImpactService } from '../impact/ImpactService';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { ReleaseService } from '../releases/ReleaseService';
import {
  audienceRecipients,
  ownerRecipients,
} from '../rollback/rollbackRecipients';
import { withoutInternalRefs } from './composeNotes';
import { ReleaseNotesService } from './ReleaseNotesService';

/** Longest notes text an announcement carries; the link leads to the rest. */
export const MAX_ANNOUNCEMENT_TEXT = 2000;

/** The announcement moment a state is, if it is one. */
export function momentOf(state: ReleaseState): AnnouncementMoment | undefined {
  return (['approved', 'released', 'rolled_back', 'verified'] as const).find(
    moment => moment === state,
  );
}

/** The next moment a release in a state will be announced at. */
export function nextMoment(state: ReleaseState): AnnouncementMoment {
  if (state === 'approved' || state === 'in_progress') return 'released';
  if (state === 'released') return 'verified';
  if (state === 'rolling_back' || state === 'rolled_back') return 'rolled_back';
  if (state === 'verified') return 'verified';
  return 'approved';
}

/**
 * `releaseCoordination.announcements.optOutGroups` as full lower-case group
 * refs; a malformed ref fails at startup.
 */
export function readOptOutGroups(config: Config): string[] {
  return (
    config.getOptionalStringArray(
      'releaseCoordination.announcements.optOutGroups',
    ) ?? []
  ).map(ref =>
    stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US'),
  );
}

function headline(release: Release, moment: AnnouncementMoment) {
  const day = DateTime.fromISO(release.window.start, { zone: 'utc' }).toFormat(
    'd LLLL yyyy',
  );
  const what: Record<AnnouncementMoment, string> = {
    approved: `is approved, planned for ${day}`,
    released: 'is released',
    rolled_back: 'was rolled back',
    verified: 'is verified',
  };
  return `${release.title} ${release.version} ${what[moment]}`;
}

const shortened = (text: string) =>
  text.length > MAX_ANNOUNCEMENT_TEXT
    ? `${text.slice(0, MAX_ANNOUNCEMENT_TEXT - 1)}…`
    : text;

/**
 * Announces releases with their notes at approved, released, rolled back and
 * verified: one message per audience, the engineering notes to the owners of
 * every entity the impact report lists, the business notes to the groups of
 * its audiences, less the opted-out groups, on the release's own
 * notification topic (so muting one release mutes its announcements).
 */
export class ReleaseAnnouncer {
  constructor(
    private readonly options: {
      notes: Pick<ReleaseNotesService, 'published'>;
      impact: Pick<ImpactService, 'releaseImpact'>;
      notifier: Pick<ReleaseNotifier, 'send'>;
      optOutGroups: string[];
    },
  ) {}

  /** What would be sent at a moment, and to whom. */
  async preview(
    release: Release,
    moment: AnnouncementMoment,
    credentials: BackstageCredentials,
  ): Promise<AnnouncementPreview> {
    const { notes, impact, optOutGroups } = this.options;
    const report = await impact.releaseImpact(release, undefined, credentials);
    const recipientsOf: Record<NotesAudience, string[]> = {
      engineering: ownerRecipients(release, report),
      business: audienceRecipients(report),
    };
    const optedOut = new Set<string>();
    const messages: AnnouncementMessage[] = [];
    for (const audience of NOTES_AUDIENCES) {
      const text = await notes.published(
        release,
        audience,
        credentials,
        report,
      );
      const title = headline(release, moment);
      recipientsOf[audience]
        .filter(ref => optOutGroups.includes(ref))
        .forEach(ref => optedOut.add(ref));
      messages.push({
        audience,
        recipients: recipientsOf[audience].filter(
          ref => !optOutGroups.includes(ref),
        ),
        title:
          audience === 'business'
            ? withoutInternalRefs(title, new Map())
            : title,
        description: shortened(text),
        topic: `release:${release.id}`,
      });
    }
    return {
      releaseId: release.id,
      moment,
      messages,
      optedOut: [...optedOut].sort(),
    };
  }

  /** Sends the announcements of a moment (once per moment and audience). */
  async announce(
    release: Release,
    moment: AnnouncementMoment,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const { messages } = await this.preview(release, moment, credentials);
    for (const message of messages) {
      if (message.recipients.length === 0) continue;
      await this.options.notifier.send(
        message.recipients,
        [],
        {
          title: message.title,
          description: message.description,
          severity: moment === 'rolled_back' ? 'high' : 'normal',
          scope: `${release.id}:announcement:${moment}:${message.audience}`,
        },
        release,
      );
    }
  }
}

/**
 * Makes the announcer a listener of release changes, as the notifier is
 * (`listenForNotifications`): every transition into an announcement
 * moment is announced. A failed announcement is logged; the change stays.
 */
export function listenForAnnouncements(options: {
  releases: Pick<ReleaseService, 'addChangeListener'>;
  announcer: Pick<ReleaseAnnouncer, 'announce'>;
  logger: LoggerService;
}): void {
  const { releases, announcer, logger } = options;
  releases.addChangeListener(async ({ after, event, credentials }) => {
    const moment = momentOf(after.state);
    if (event.action !== 'transitioned' || !moment) return;
    try {
      await announcer.announce(after, moment, credentials);
    } catch (error) {
      logger.error(
        `Could not announce release ${after.id} (${moment}): ${error}`,
      );
    }
  });
}
