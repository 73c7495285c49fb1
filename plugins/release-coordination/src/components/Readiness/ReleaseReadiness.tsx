import { InfoCard, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import Alert from '@material-ui/lab/Alert';
import {
  ApprovalDecisionValue,
  ApprovalReason,
  linkSchema,
  ReadinessItem,
  Release,
  ReleaseApprovals,
  ReleaseReadiness as ReleaseReadinessValue,
} from '@internal/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { errorMessage, formatTimestamp } from '../shared/format';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { UserLink, useLinkSchemes } from '../shared/UserContent';
import { ApprovalDialog } from './ApprovalDialog';
import {
  approvalStatusLabel,
  ReadinessVerdictChip,
  approvalsSummary,
} from './readinessDisplay';

/** Why a group must approve, in words. */
const APPROVAL_REASON_LABELS: Record<ApprovalReason, string> = {
  owner: 'owner',
  'release-manager': 'release manager',
  'affected-dependent': 'owner of an affected dependent',
};

/** Props of {@link ReleaseReadiness}. @public */
export interface ReleaseReadinessProps {
  release: Pick<Release, 'id' | 'ownerRef' | 'revision'>;
  /** Called after a decision, a withdrawal or a checked item. */
  onChanged?: () => void;
  /** Leaves out the verdict chip, when the surrounding list shows it. */
  hideVerdict?: boolean;
  /** Told the verdict whenever it is loaded (undefined without readiness). */
  onVerdict?: (verdict: ReleaseReadinessValue['verdict'] | undefined) => void;
}

const isNotFound = (error: unknown) =>
  error instanceof ResponseError && error.statusCode === 404;

/** The value of a call, undefined when it answers 404 (backends without it). */
async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The host and path of an evidence URL, for its link text; the URL itself when it has no host. */
function evidenceLabel(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return host ? `${host}${pathname === '/' ? '' : pathname}` : url;
  } catch {
    return url;
  }
}

function ItemRow(props: {
  item: ReadinessItem;
  canCheck: boolean;
  checkReason?: string;
  busy: boolean;
  onCheck: (checked: boolean, evidence?: string) => void;
}) {
  const { item, canCheck, busy } = props;
  const [evidence, setEvidence] = useState('');
  const [evidenceError, setEvidenceError] = useState<string>();
  const offerEvidence = item.kind === 'manual' && !item.passed && canCheck;
  const evidenceSchema = linkSchema(useLinkSchemes());
  const check = (checked: boolean) => {
    if (!checked) {
      props.onCheck(false);
      return;
    }
    const link = evidence.trim();
    if (link && !evidenceSchema.safeParse(link).success) {
      setEvidenceError('Enter a full URL, e.g. https://wiki.example.com/page');
      return;
    }
    setEvidenceError(undefined);
    props.onCheck(true, link || undefined);
  };
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemIcon>
        {item.kind === 'manual' ? (
          <Tooltip title={canCheck ? '' : props.checkReason ?? ''}>
            <span>
              <Checkbox
                edge="start"
                checked={item.passed}
                disabled={!canCheck || busy}
                onChange={event => check(event.target.checked)}
                inputProps={{ 'aria-label': item.label }}
              />
            </span>
          </Tooltip>
        ) : null}
        {item.passed ? (
          <CheckCircleIcon
            style={{ color: '#2e7d32', marginTop: 9 }}
            titleAccess="passed"
          />
        ) : (
          <CancelIcon
            color="error"
            style={{ marginTop: 9 }}
            titleAccess="failed"
          />
        )}
      </ListItemIcon>
      <ListItemText
        primary={
          <>
            {item.label}{' '}
            <Typography variant="caption" color="textSecondary">
              ({item.kind})
            </Typography>
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            {item.facts.map((fact, index) => (
              <div key={index}>{fact}</div>
            ))}
            {item.checkedBy && (
              <div>
                Checked by{' '}
                <EntityRefLink entityRef={item.checkedBy} defaultKind="user" />
                {item.checkedAt && ` on ${formatTimestamp(item.checkedAt)}`}
                {item.evidence && (
                  <>
                    {' · '}
                    <UserLink href={item.evidence}>
                      Evidence: {evidenceLabel(item.evidence)}
                    </UserLink>
                  </>
                )}
              </div>
            )}
            {offerEvidence && (
              <TextField
                size="small"
                margin="dense"
                type="url"
                value={evidence}
                placeholder="https://…"
                label="Evidence link (optional)"
                inputProps={{
                  'aria-label': `Evidence link for ${item.label}`,
                }}
                disabled={busy}
                error={Boolean(evidenceError)}
                helperText={
                  evidenceError ?? 'Sent when you check the item (Enter checks)'
                }
                onChange={event => {
                  setEvidence(event.target.value);
                  setEvidenceError(undefined);
                }}
                onKeyDown={event => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    check(true);
                  }
                }}
              />
            )}
          </>
        }
      />
    </ListItem>
  );
}

function Approvals(props: {
  approvals: ReleaseApprovals;
  userEntityRef?: string;
  busy: boolean;
  onDecide: (decision: ApprovalDecisionValue) => void;
  onWithdraw: (groupRef: string) => void;
}) {
  const { approvals, userEntityRef, busy } = props;
  const me = userEntityRef?.toLocaleLowerCase('en-US');
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
          {approvals.required.map(required => {
            const decision = approvals.decisions.find(
              d => d.groupRef === required.groupRef,
            );
            const mine =
              decision && me && decision.by.toLocaleLowerCase('en-US') === me;
            return (
              <ListItem key={required.groupRef} disableGutters>
                <ListItemText
                  primaryTypographyProps={{ component: 'div' }}
                  primary={
                    <Box
                      display="flex"
                      alignItems="center"
                      flexWrap="wrap"
                      style={{ gap: 8 }}
                    >
                      <EntityRefLink
                        entityRef={required.groupRef}
                        defaultKind="group"
                      />
                      <Chip
                        size="small"
                        variant="outlined"
                        label={approvalStatusLabel(required.status)}
                        color={
                          required.status === 'overdue'
                            ? 'secondary'
                            : 'default'
                        }
                      />
                      <Typography variant="caption" color="textSecondary">
                        {APPROVAL_REASON_LABELS[required.reason]}
                        {required.phase === 'after' && ', approves afterwards'}
                      </Typography>
                      {mine && (
                        <Button
                          size="small"
                          disabled={busy}
                          onClick={() => props.onWithdraw(required.groupRef)}
                        >
                          Withdraw
                        </Button>
                      )}
                    </Box>
                  }
                  secondaryTypographyProps={{ component: 'div' }}
                  secondary={
                    decision && (
                      <>
                        {decision.decision === 'approve'
                          ? 'Approved'
                          : 'Rejected'}{' '}
                        by{' '}
                        <EntityRefLink
                          entityRef={decision.by}
                          defaultKind="user"
                        />{' '}
                        on {formatTimestamp(decision.at)}
                        {decision.comment && `: ${decision.comment}`}
                      </>
                    )
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {approvals.pendingAfter.length > 0 && (
        <Typography variant="body2" data-testid="approvals-follow-up">
          To approve afterwards
          {approvals.followUpDeadline &&
            ` by ${formatTimestamp(approvals.followUpDeadline)}`}
          : {approvals.pendingAfter.join(', ')}
        </Typography>
      )}
      {approvals.overdue.length > 0 && (
        <Box marginTop={1}>
          <Alert severity="warning">
            Overdue since {formatTimestamp(approvals.followUpDeadline ?? '')}:{' '}
            {approvals.overdue.join(', ')} still have to approve afterwards.
          </Alert>
        </Box>
      )}
      {approvals.mayDecide.length > 0 && (
        <Box display="flex" style={{ gap: 8 }} marginTop={1}>
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={() => props.onDecide('approve')}
          >
            Approve
          </Button>
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() => props.onDecide('reject')}
          >
            Reject
          </Button>
          <Typography variant="caption" color="textSecondary">
            for {approvals.mayDecide.join(', ')}
          </Typography>
        </Box>
      )}
    </>
  );
}

/**
 * The Readiness card of a release: the go / no-go verdict with its blocking
 * reasons, the checklist (manual items checked by owning-group members) and
 * the approvals with Approve, Reject and Withdraw. Renders nothing on backends
 * without readiness.
 *
 * @public
 */
export function ReleaseReadiness(props: ReleaseReadinessProps) {
  const { release, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const ownership = useOwnsRelease(release, 'check items');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [deciding, setDeciding] = useState<ApprovalDecisionValue>();

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [readiness, approvals] = await Promise.all([
      unlessNotFound(api.getReleaseReadiness(release.id)),
      unlessNotFound(api.getReleaseApprovals(release.id)),
    ]);
    return { readiness, approvals };
  }, [api, release.id, release.revision]);

  const { onVerdict } = props;
  const verdict = value?.readiness?.verdict;
  useEffect(() => {
    onVerdict?.(verdict);
  }, [onVerdict, verdict]);

  const refresh = () => {
    retry();
    onChanged?.();
  };
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await action();
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(false);
      refresh();
    }
  };

  if (!value && loading) {
    return (
      <InfoCard title="Readiness">
        <Progress />
      </InfoCard>
    );
  }
  if (!value) {
    return (
      <InfoCard title="Readiness">
        <Alert severity="error">{errorMessage(error)}</Alert>
      </InfoCard>
    );
  }
  const { readiness, approvals } = value;
  if (!readiness && !approvals) return null;

  return (
    <InfoCard title="Readiness">
      {actionError && (
        <Box marginBottom={2}>
          <Alert severity="error" onClose={() => setActionError(undefined)}>
            {actionError}
          </Alert>
        </Box>
      )}
      {readiness && (
        <>
          {!props.hideVerdict && (
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <Typography variant="subtitle1" component="span">
                Verdict
              </Typography>
              <ReadinessVerdictChip verdict={readiness.verdict} />
            </Box>
          )}
          {readiness.blocking.length > 0 && (
            <Box marginTop={1}>
              <Typography variant="subtitle2" component="h3">
                Blocking
              </Typography>
              <ul aria-label="Blocking reasons" style={{ marginTop: 0 }}>
                {readiness.blocking.map((reason, index) => (
                  <li key={index}>
                    <Typography variant="body2">{reason}</Typography>
                  </li>
                ))}
              </ul>
            </Box>
          )}
          <List dense aria-label="Checklist">
            {readiness.items.map(item => (
              <ItemRow
                key={item.id}
                item={item}
                canCheck={ownership.owns}
                checkReason={ownership.reason}
                busy={busy}
                onCheck={(checked, evidence) =>
                  act(() =>
                    api.checkReadinessItem(release.id, item.id, {
                      checked,
                      ...(evidence && { evidence }),
                    }),
                  )
                }
              />
            ))}
          </List>
        </>
      )}
      {approvals && (
        <Box marginTop={2}>
          <Approvals
            approvals={approvals}
            userEntityRef={identity.value?.userEntityRef}
            busy={busy}
            onDecide={setDeciding}
            onWithdraw={groupRef =>
              act(() => api.withdrawReleaseApproval(release.id, groupRef))
            }
          />
        </Box>
      )}
      <ApprovalDialog
        releaseId={release.id}
        decision={deciding}
        onClose={() => setDeciding(undefined)}
        onDecided={() => {
          setDeciding(undefined);
          refresh();
        }}
      />
    </InfoCard>
  );
}
