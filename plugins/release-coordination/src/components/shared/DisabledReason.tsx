import Typography from '@material-ui/core/Typography';
import { ReactNode, useId } from 'react';
import { Cluster } from './Cluster';

/**
 * Why a control is disabled, in words beside or under it (not only in a
 * tooltip); the control points at it with `aria-describedby={id}`.
 */
export function DisabledReason(props: {
  id?: string;
  children: ReactNode;
  /** Its `data-testid`; `disabled-reason` by default. */
  testId?: string;
}) {
  return (
    <Typography
      id={props.id}
      variant="body2"
      color="textSecondary"
      component="span"
      data-testid={props.testId ?? 'disabled-reason'}
    >
      {props.children}
    </Typography>
  );
}

/**
 * A control and, while it is disabled for a `reason`, that reason in words
 * beside it (wrapping under it when narrow). `children` renders the control
 * given the id its `aria-describedby` should name.
 */
export function ExplainedControl(props: {
  reason?: ReactNode;
  /**
   * The id of words shown elsewhere saying why (once for a row of controls):
   * the control names those and shows no reason of its own.
   */
  reasonId?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const { reason, reasonId } = props;
  const ownId = useId();
  const describedBy = reason ? reasonId ?? ownId : undefined;
  // The same elements with or without a reason: the control stays mounted.
  return (
    <Cluster>
      {props.children(describedBy)}
      {describedBy === ownId && (
        <DisabledReason id={ownId}>{reason}</DisabledReason>
      )}
    </Cluster>
  );
}
