import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ApprovalDecisionValue,
  ApprovalReason,
  ReleaseApprovals,
} from '@internal/plugin-release-coordination-common';
import { formatTimestamp } from '../shared/format';
import { useConfirmation } from '../shared/useConfirmation';
import { DecisionButtons } from './DecisionButtons';
import { DecisionRefusal, GroupList } from './decisionRefusal';
import { approvalStatusLabel, approvalsSummary } from './readinessDisplay';
import { Cluster } from '../shared/Cluster';

/** Why a group must approve, in words. */
const APPROVAL_REASON_LABELS: Record<ApprovalReason, string> = {
  owner: 'owner',
  'release-manager': 'release manager',
  'affected-dependent': 'owner of an affected dependent',
};

function RequiredApprovalRow(props: {
  required: ReleaseApprovals['required'][number];
  decision?: ReleaseApprovals['decisions'][number];
  me?: string;
  busy: boolean;
  onWithdraw: (groupRef: string) => void;
  confirm: ReturnType<typeof useConfirmation>['confirm'];
}) {
  const { required, decision, me, busy } = props;
  const mine = decision && me && decision.by.toLocaleLowerCase('en-US') === me;
  return (
    <ListItem disableGutters>
      <ListItemText
        primaryTypographyProps={{ component: 'div' }}
        primary={
          <Cluster>
            <EntityRefLink entityRef={required.groupRef} defaultKind="group" />
            <Chip
              size="small"
              variant="outlined"
              label={approvalStatusLabel(required.status)}
              color={required.status === 'overdue' ? 'secondary' : 'default'}
            />
            <Typography variant="caption" color="textSecondary">
              {APPROVAL_REASON_LABELS[required.reason]}
              {required.phase === 'after' && ', approves afterwards'}
            </Typography>
            {mine && (
              <Button
                size="small"
                disabled={busy}
                onClick={() =>
                  props.confirm({
                    title: 'Withdraw this decision?',
                    body: (
                      <>
                        The{' '}
                        {decision.decision === 'approve'
                          ? 'approval'
                          : 'rejection'}{' '}
                        of{' '}
                        <EntityRefLink
                          entityRef={required.groupRef}
                          defaultKind="group"
                        />{' '}
                        no longer counts; an approved release that needed it
                        goes back to planned.
                      </>
                    ),
                    confirmLabel: 'Withdraw',
                    action: () => props.onWithdraw(required.groupRef),
                  })
                }
              >
                Withdraw
              </Button>
            )}
          </Cluster>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          decision && (
            <>
              {decision.decision === 'approve' ? 'Approved' : 'Rejected'} by{' '}
              <EntityRefLink entityRef={decision.by} defaultKind="user" /> on{' '}
              {formatTimestamp(decision.at)}
              {decision.comment && `: ${decision.comment}`}
            </>
          )
        }
      />
    </ListItem>
  );
}

/** A release's approvals: who must approve, who did, and the Approve, Reject and Withdraw buttons. */
export function Approvals(props: {
  approvals: ReleaseApprovals;
  userEntityRef?: string;
  /** Why the user cannot decide, shown next to the disabled Approve and Reject. */
  refusal?: DecisionRefusal;
  busy: boolean;
  onDecide: (decision: ApprovalDecisionValue) => void;
  onWithdraw: (groupRef: string) => void;
}) {
  const { approvals, userEntityRef, busy } = props;
  const me = userEntityRef?.toLocaleLowerCase('en-US');
  const { confirm, dialog } = useConfirmation();
  return (
    <>
      <Typography variant="h6" component="h3">
        Approvals
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Round {approvals.round}: {approvalsSummary(approvals)}
      </Typography>
      {approvals.required.length === 0 ? (
        <Typography variant="body2">No approvals needed.</Typography>
      ) : (
        <List dense aria-label="Required approvals">
          {approvals.required.map(required => (
            <RequiredApprovalRow
              key={required.groupRef}
              required={required}
              decision={approvals.decisions.find(
                d => d.groupRef === required.groupRef,
              )}
              me={me}
              busy={busy}
              onWithdraw={props.onWithdraw}
              confirm={confirm}
            />
          ))}
        </List>
      )}
      {approvals.pendingAfter.length > 0 && (
        <Typography variant="body2" data-testid="approvals-follow-up">
          To approve afterwards
          {approvals.followUpDeadline &&
            ` by ${formatTimestamp(approvals.followUpDeadline)}`}
          : <GroupList groupRefs={approvals.pendingAfter} />
        </Typography>
      )}
      {approvals.overdue.length > 0 && (
        <Box marginTop={1}>
          <Alert severity="warning">
            Overdue since {formatTimestamp(approvals.followUpDeadline ?? '')}:{' '}
            <GroupList groupRefs={approvals.overdue} /> still have to approve
            afterwards.
          </Alert>
        </Box>
      )}
      <DecisionButtons
        mayDecide={approvals.mayDecide}
        refusal={props.refusal}
        busy={busy}
        onDecide={props.onDecide}
      />
      {dialog}
    </>
  );
}
