import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  Release,
  ReleaseIssue,
} from '@internal/plugin-release-coordination-common';
import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { UserLink } from '../shared/UserContent';
import { IssueStatusChip, SeverityChip } from './IssueChips';
import { IssueDialog } from './IssueDialog';
import { IssueTimeline } from './IssueTimeline';

/** One issue: its chips, title, owner and links, and its actions. */
export function IssueRow(props: {
  issue: ReleaseIssue;
  onChange?: () => void;
  /** Shown under the row, inside its list item (a link to the release). */
  footer?: ReactNode;
}) {
  const { issue, onChange } = props;
  const [showTimeline, setShowTimeline] = useState(false);
  return (
    <ListItem divider style={{ display: 'block' }}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <SeverityChip severity={issue.severity} />
        <IssueStatusChip status={issue.status} />
        <ListItemText
          primary={issue.title}
          secondary={
            <>
              Owner <EntityRefLink entityRef={issue.ownerRef} />
              {issue.links.map(link => (
                <span key={link.url}>
                  {' · '}
                  <UserLink href={link.url}>{link.kind}</UserLink>
                </span>
              ))}
            </>
          }
        />
        <Button
          size="small"
          aria-expanded={showTimeline}
          onClick={() => setShowTimeline(!showTimeline)}
        >
          {showTimeline ? 'Hide timeline' : 'Timeline'}
        </Button>
        {onChange && (
          <Button size="small" onClick={onChange}>
            Change
          </Button>
        )}
      </Box>
      {showTimeline && <IssueTimeline issue={issue} />}
      {props.footer}
    </ListItem>
  );
}

/**
 * The "Issues" section of a release page: its issues with severity and
 * status, recording one and changing one (status, owner, links) with the
 * timeline of each.
 */
export function ReleaseIssues(props: {
  release: Release;
  onChanged?: () => void;
}) {
  const { release, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const issues = useAsyncRetry(
    () => api.listReleaseIssues(release.id),
    [api, release.id, release.revision],
  );
  const [editing, setEditing] = useState<ReleaseIssue | 'new'>();
  const saved = () => {
    setEditing(undefined);
    issues.retry();
    onChanged?.();
  };
  let content;
  if (issues.loading && !issues.value) content = <Progress />;
  else if (issues.error) content = <ResponseErrorPanel error={issues.error} />;
  else if (!issues.value?.length) {
    content = (
      <Typography variant="body2" color="textSecondary">
        No issues recorded. Record one found during or after this release.
      </Typography>
    );
  } else {
    content = (
      <List dense aria-label="Issues">
        {issues.value.map(issue => (
          <IssueRow
            key={issue.id}
            issue={issue}
            onChange={() => setEditing(issue)}
          />
        ))}
      </List>
    );
  }
  return (
    <InfoCard
      title="Issues"
      action={
        <Button
          color="primary"
          variant="outlined"
          onClick={() => setEditing('new')}
        >
          Record an issue
        </Button>
      }
    >
      {content}
      <IssueDialog
        open={editing !== undefined}
        releaseId={release.id}
        issue={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
        onSaved={saved}
      />
    </InfoCard>
  );
}
