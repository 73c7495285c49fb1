import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { useRootLink } from '../shared/useReleaseLink';
import { ApprovalInbox } from './ApprovalInbox';

/** Props of {@link ApprovalInboxCardContent}. @public */
export interface ApprovalInboxCardContentProps {
  /** Releases shown; 5 by default. */
  limit?: number;
}

/**
 * The home page card "Waiting for my team": the first releases of the
 * approval inbox with Approve and Reject, and a link to the whole inbox.
 *
 * @public
 */
export function ApprovalInboxCardContent(props: ApprovalInboxCardContentProps) {
  const root = useRootLink();
  return (
    <Box data-testid="approval-inbox-widget">
      <ApprovalInbox pageSize={props.limit ?? 5} firstPageOnly />
      {root && (
        <Box marginTop={1}>
          <Link to={`${root}?tab=inbox`}>Open the whole inbox</Link>
        </Box>
      )}
    </Box>
  );
}
