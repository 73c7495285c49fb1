import { LoggerService } from '@backstage/backend-plugin-api';
import { ReleaseIssue } from '@internal/plugin-release-coordination-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseIssueStore } from './DatabaseReleaseIssueStore';

/** The fixed id of the demo issue, so that replicas seeding together collide instead of duplicating. */
export const DEMO_ISSUE_ID = '00000000-0000-4000-b000-000000000001';

/** The released demo release the demo issue is on. */
const DEMO_RELEASE_TITLE = 'Search indexer 5.0';

/**
 * Seeds one open sev2 issue on the released demo release "Search indexer
 * 5.0", once: only when that release is there and released and the issue
 * is not.
 */
export async function seedDemoIssues(options: {
  releases: Pick<ReleaseStore, 'listReleases'>;
  issues: Pick<ReleaseIssueStore, 'getIssue' | 'createIssue'>;
  logger: LoggerService;
  now?: Date;
}): Promise<void> {
  const { releases, issues, logger, now = new Date() } = options;
  if (await issues.getIssue(DEMO_ISSUE_ID)) return;
  const { items } = await releases.listReleases({
    entityRefGroups: [],
    draftOwnerRefs: [],
    states: ['released'],
    order: 'desc',
    limit: 50,
  });
  const release = items.find(r => r.title === DEMO_RELEASE_TITLE);
  if (!release) return;
  const at = new Date(now.getTime() - 2 * 3_600_000).toISOString();
  const issue: ReleaseIssue = {
    id: DEMO_ISSUE_ID,
    releaseId: release.id,
    title: 'Synonym queries return fewer results since the v5 index',
    severity: 'sev2',
    status: 'open',
    ownerRef: release.ownerRef,
    entityRefs: release.entityRefs,
    links: [{ kind: 'ticket', url: 'https://tickets.example.com/SEARCH-512' }],
    createdBy: 'user:default/mallory',
    createdAt: at,
    updatedAt: at,
    statusSince: at,
    revision: 1,
  };
  try {
    await issues.createIssue(issue, {
      action: 'created',
      by: issue.createdBy,
      at,
      changes: [
        { field: 'title', before: null, after: issue.title },
        { field: 'severity', before: null, after: issue.severity },
      ],
    });
    logger.info('Seeded a demo release issue');
  } catch (error) {
    logger.warn(`Could not seed the demo release issue: ${error}`);
  }
}
