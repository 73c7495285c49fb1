import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import Alert from '@material-ui/lab/Alert';
import { UNRESOLVED_ISSUE_STATUSES } from '@internal/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage } from '../shared/format';
import { IssueRow } from './ReleaseIssues';

/**
 * The unresolved issues affecting an entity (or owned by a group), for its
 * Releases tab; nothing when there are none.
 */
export function EntityOpenIssues(props: {
  entityRef?: string;
  ownerRef?: string;
}) {
  const { entityRef, ownerRef } = props;
  const api = useApi(releaseCoordinationApiRef);
  const issues = useAsync(
    () =>
      api.listIssues({
        entityRef,
        ownerRef,
        status: [...UNRESOLVED_ISSUE_STATUSES],
        limit: 20,
      }),
    [api, entityRef, ownerRef],
  );
  if (issues.loading) return <Progress />;
  if (issues.error) {
    return (
      <Alert severity="warning">
        Open issues could not be loaded: {errorMessage(issues.error)}
      </Alert>
    );
  }
  if (!issues.value?.items.length) return null;
  return (
    <InfoCard title="Open issues">
      <List dense aria-label="Open issues">
        {issues.value.items.map(issue => (
          <IssueRow key={issue.id} issue={issue} />
        ))}
      </List>
    </InfoCard>
  );
}
