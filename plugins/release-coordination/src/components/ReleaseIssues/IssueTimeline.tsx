import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { ReleaseIssue } from '@internal/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { formatTimestamp } from '../shared/format';

const show = (value: unknown) =>
  Array.isArray(value)
    ? value.map(v => (typeof v === 'object' ? v.url : String(v))).join(', ') ||
      'none'
    : String(value ?? 'none');

/** The timeline of an issue (loaded when shown): who changed which fields when. */
export function IssueTimeline(props: { issue: ReleaseIssue }) {
  const api = useApi(releaseCoordinationApiRef);
  const { id, revision } = props.issue;
  const { value, loading, error } = useAsync(
    () => api.getIssue(id),
    [api, id, revision],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <List dense aria-label={`Timeline of ${props.issue.title}`}>
      {(value?.timeline ?? []).map((entry, index) => (
        <ListItem key={index}>
          <ListItemText
            primary={`${formatTimestamp(entry.at)} · ${entry.by} ${
              entry.action === 'created' ? 'recorded it' : 'changed it'
            }`}
            secondary={
              entry.action === 'changed'
                ? entry.changes
                    .map(
                      c => `${c.field}: ${show(c.before)} → ${show(c.after)}`,
                    )
                    .join('; ')
                : undefined
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
