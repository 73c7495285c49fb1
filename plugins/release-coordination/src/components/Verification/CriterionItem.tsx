import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  SuccessCriterion,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { formatTimestamp } from '../shared/format';
import { UserLink } from '../shared/UserContent';
import { checkText, proposalText, RESULT_LABELS } from './criterionDisplay';

/** Props of {@link CriterionItem}. */
export interface CriterionItemProps {
  criterion: SuccessCriterion;
  /** Shown when given: the criterion may be edited and removed. */
  onEdit?: () => void;
  onDelete?: () => void;
  /** Shown when given: the user may record the result. */
  onRecord?: () => void;
  /** Why the user may not record the result, when the release is released. */
  recordDisabledReason?: string;
}

/** One success criterion: what it asks, its owner, result and proposal, and its actions. */
export function CriterionItem(props: CriterionItemProps) {
  const { criterion } = props;
  const { outcome } = criterion;
  const check = checkText(criterion);
  const proposal = proposalText(criterion);
  let status: 'default' | 'primary' | 'secondary' = 'default';
  if (outcome?.result === 'not_met') status = 'secondary';
  else if (outcome) status = 'primary';
  return (
    <ListItem divider alignItems="flex-start" data-testid="success-criterion">
      <ListItemText
        disableTypography
        primary={
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="body1">{criterion.text}</Typography>
            <Chip
              size="small"
              color={status}
              label={outcome ? RESULT_LABELS[outcome.result] : 'Open'}
            />
          </Box>
        }
        secondary={
          <Typography variant="body2" color="textSecondary" component="div">
            <div>Owner: {entityName(criterion.ownerRef)}</div>
            {check && <div>Check: {check}</div>}
            {proposal && <div>{proposal}</div>}
            {outcome && (
              <div>
                {RESULT_LABELS[outcome.result]} by{' '}
                {entityName(outcome.recordedBy)},{' '}
                {formatTimestamp(outcome.recordedAt)}
                {outcome.observedValue && `; observed ${outcome.observedValue}`}
                {outcome.waiverReason && `; waived: ${outcome.waiverReason}`}
                {outcome.evidence && (
                  <>
                    {'; '}
                    <UserLink href={outcome.evidence}>evidence</UserLink>
                  </>
                )}
              </div>
            )}
            {props.recordDisabledReason && (
              <div>{props.recordDisabledReason}</div>
            )}
          </Typography>
        }
      />
      <Box display="flex" style={{ gap: 8 }} flexShrink={0}>
        {props.onRecord && (
          <Button variant="outlined" color="primary" onClick={props.onRecord}>
            {outcome ? 'Change result' : 'Record result'}
          </Button>
        )}
        {props.onEdit && <Button onClick={props.onEdit}>Edit</Button>}
        {props.onDelete && (
          <Button color="secondary" onClick={props.onDelete}>
            Remove
          </Button>
        )}
      </Box>
    </ListItem>
  );
}
