import {
  CreateReleaseInput,
  HotfixInput,
  Release,
  Rollback,
} from '@internal/plugin-release-coordination-common';
import { releaseLink } from '../notifications/ReleaseNotifier';
import { HOUR_MS } from '../time';

/**
 * The plan of a follow-up `hotfix` release, prefilled from the release rolled
 * back: its title, entities (those rolled back), owner and a description
 * linking it; its window starts in an hour on the minute and lasts two,
 * unless the request names another window, title or version.
 */
export function followUpHotfix(options: {
  release: Release;
  rollback?: Rollback;
  request: HotfixInput;
  now: Date;
}): CreateReleaseInput {
  const { release, rollback, request, now } = options;
  const start = Math.ceil((now.getTime() + HOUR_MS) / 60_000) * 60_000;
  const reason = rollback
    ? `\n\nRolled back because: ${rollback.decision.reason}`
    : '';
  return {
    title: request.title ?? `Hotfix for ${release.title}`,
    version: request.version ?? `${release.version}-hotfix`,
    type: 'hotfix',
    window: request.window ?? {
      start: new Date(start).toISOString(),
      end: new Date(start + 2 * HOUR_MS).toISOString(),
    },
    entityRefs: rollback?.entityRefs ?? release.entityRefs,
    ownerRef: release.ownerRef,
    description: `## Follow-up hotfix\n\nFollows up [${release.title} ${
      release.version
    }](${releaseLink(release.id)}), which was rolled back.${reason}`,
    changes: [],
  };
}
