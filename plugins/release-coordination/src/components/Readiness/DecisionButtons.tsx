import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ApprovalDecisionValue } from '@internal/plugin-release-coordination-common';
import { useId } from 'react';
import {
  DecisionRefusal,
  DecisionRefusalText,
  GroupList,
} from './decisionRefusal';
import { Cluster } from '../shared/Cluster';

/**
 * Approve and Reject for the groups the user may decide for, or both
 * disabled with the reason in words next to them; nothing when neither
 * applies.
 */
export function DecisionButtons(props: {
  mayDecide: string[];
  refusal?: DecisionRefusal;
  busy: boolean;
  onDecide: (decision: ApprovalDecisionValue) => void;
}) {
  const { mayDecide, refusal, busy } = props;
  const refusalId = useId();
  if (mayDecide.length === 0 && !refusal) return null;
  const disabled = busy || mayDecide.length === 0;
  const describedBy = refusal ? refusalId : undefined;
  return (
    <Cluster marginTop={1}>
      <Button
        variant="contained"
        color="primary"
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => props.onDecide('approve')}
      >
        Approve
      </Button>
      <Button
        variant="outlined"
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => props.onDecide('reject')}
      >
        Reject
      </Button>
      {refusal ? (
        <DecisionRefusalText refusal={refusal} id={refusalId} />
      ) : (
        <Typography variant="body2" color="textSecondary" component="span">
          for <GroupList groupRefs={mayDecide} />
        </Typography>
      )}
    </Cluster>
  );
}
