import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { ApprovalDecisionValue } from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ApprovalDialog } from '../Readiness/ApprovalDialog';
import { useCursorPages } from '../shared/CursorPager';
import { useReleaseLink } from '../shared/useReleaseLink';
import { InboxItem } from './InboxItem';

/** Props of {@link ApprovalInbox}. @public */
export interface ApprovalInboxProps {
  /** Only the releases this group (one of the user's) must decide on. */
  groupRef?: string;
  /** Releases per page; 20 by default. */
  pageSize?: number;
  /** Leaves out the paging buttons (the home card shows the first page only). */
  firstPageOnly?: boolean;
  /** The clock deadlines are told against; now by default. */
  now?: Date;
}

/**
 * "Waiting for my team": the releases on which one of the signed-in user's
 * groups still has to decide (as owner, release manager or owner of an
 * affected dependent), by window start, each with the affected entities and
 * how they are reached, the deadline, and Approve and Reject in place.
 *
 * @public
 */
export function ApprovalInbox(props: ApprovalInboxProps) {
  const { groupRef } = props;
  const api = useApi(releaseCoordinationApiRef);
  const identityApi = useApi(identityApiRef);
  const releaseLink = useReleaseLink();
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const pages = useCursorPages();
  const [deciding, setDeciding] = useState<{
    releaseId: string;
    decision: ApprovalDecisionValue;
  }>();
  const { cursor } = pages;
  const page = useAsyncRetry(
    () =>
      api.getApprovalInbox({
        limit: props.pageSize ?? 20,
        ...(cursor && { cursor }),
        ...(groupRef && { groupRef }),
      }),
    [api, cursor, groupRef, props.pageSize],
  );

  if (!page.value && page.loading) return <Progress />;
  if (!page.value) {
    return <ResponseErrorPanel error={page.error ?? new Error('')} />;
  }
  const items = page.value.items;
  const now = props.now ?? new Date();

  return (
    <Box>
      {items.length === 0 ? (
        <EmptyState
          missing="data"
          title="Nothing waiting for a decision"
          description={
            groupRef
              ? 'No release waits for a decision of this team that you could make.'
              : 'No release waits for a decision of your teams.'
          }
        />
      ) : (
        <List aria-label="Releases waiting for a decision">
          {items.map(item => (
            <InboxItem
              key={item.release.id}
              item={item}
              user={identity.value}
              releaseLink={releaseLink}
              busy={Boolean(deciding)}
              now={now}
              onDecide={(releaseId, decision) =>
                setDeciding({ releaseId, decision })
              }
            />
          ))}
        </List>
      )}
      {!props.firstPageOnly && pages.buttons(page.value.nextCursor)}
      {props.firstPageOnly && page.value.nextCursor && (
        <Typography variant="body2" color="textSecondary">
          More releases wait in the inbox.
        </Typography>
      )}
      <ApprovalDialog
        releaseId={deciding?.releaseId ?? ''}
        decision={deciding?.decision}
        onClose={() => setDeciding(undefined)}
        onDecided={() => {
          setDeciding(undefined);
          page.retry();
        }}
      />
    </Box>
  );
}
