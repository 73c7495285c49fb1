import { InfoCard, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  ApprovalDecisionValue,
  Release,
  RELEASE_SIGNAL_CHANNEL,
  ReleaseChangedSignal,
  ReleaseReadiness as ReleaseReadinessValue,
} from '@internal/plugin-release-coordination-common';
import { useEffect, useId, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { DisabledReason } from '../shared/DisabledReason';
import { errorMessage } from '../shared/format';
import { useOwnsRelease } from '../shared/useOwnsRelease';
import { unlessNotFound } from '../shared/unlessNotFound';
import { ApprovalDialog } from './ApprovalDialog';
import { Approvals } from './Approvals';
import { decisionRefusal } from './decisionRefusal';
import { ItemRow } from './ReadinessItemRow';
import { ReadinessVerdictChip } from './readinessDisplay';

/** Props of {@link ReleaseReadiness}. @public */
export interface ReleaseReadinessProps {
  release: Pick<
    Release,
    'id' | 'ownerRef' | 'revision' | 'state' | 'createdBy'
  >;
  /** Called after a decision, a withdrawal or a checked item. */
  onChanged?: () => void;
  /** Leaves out the verdict chip, when the surrounding list shows it. */
  hideVerdict?: boolean;
  /** Told the verdict whenever it is loaded (undefined without readiness). */
  onVerdict?: (verdict: ReleaseReadinessValue['verdict'] | undefined) => void;
  /** Changes when something beside the release changed (its issues): reloads. */
  refreshKey?: number;
}

/**
 * How many signals said this release changed since mounting: approvals,
 * checked items and risk reviews by others change its readiness without
 * changing its revision.
 */
function useReleaseSignalCount(releaseId: string): number {
  const { lastSignal } = useSignal<ReleaseChangedSignal>(
    RELEASE_SIGNAL_CHANNEL,
  );
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (lastSignal?.id === releaseId) setCount(previous => previous + 1);
  }, [lastSignal, releaseId]);
  return count;
}

/**
 * A release's readiness and approvals (each undefined on backends without
 * it), reloaded with every revision and every signal that the release
 * changed, and `act`, which runs a change, shows its error and reloads.
 */
function useReadinessAndApprovals(props: ReleaseReadinessProps) {
  const { release, onChanged, onVerdict } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const signals = useReleaseSignalCount(release.id);

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [readiness, approvals] = await Promise.all([
      unlessNotFound(api.getReleaseReadiness(release.id)),
      unlessNotFound(api.getReleaseApprovals(release.id)),
    ]);
    return { readiness, approvals };
  }, [api, release.id, release.revision, props.refreshKey, signals]);

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
  const clearError = () => setActionError(undefined);
  return {
    value,
    loading,
    error,
    refresh,
    /** The last action's state: running (`busy`) or failed (`error`). */
    action: { busy, error: actionError, clearError, act },
  };
}

/**
 * The verdict, the reasons blocking the release and its checklist; when the
 * user may not check its manual items, why, once above them.
 */
function Checklist(props: {
  release: ReleaseReadinessProps['release'];
  readiness: ReleaseReadinessValue;
  hideVerdict?: boolean;
  ownership: ReturnType<typeof useOwnsRelease>;
  busy: boolean;
  act: (action: () => Promise<unknown>) => void;
}) {
  const { release, readiness, ownership, busy, act } = props;
  const api = useApi(releaseCoordinationApiRef);
  const reasonId = useId();
  const checkable = readiness.items.some(item => item.kind === 'manual');
  return (
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
      {checkable && ownership.reason && (
        <Box marginTop={1}>
          <DisabledReason id={reasonId}>{ownership.reason}</DisabledReason>
        </Box>
      )}
      <List dense aria-label="Checklist">
        {readiness.items.map(item => (
          <ItemRow
            key={item.id}
            item={item}
            canCheck={ownership.owns}
            checkReasonId={reasonId}
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
  const { release } = props;
  const api = useApi(releaseCoordinationApiRef);
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const ownership = useOwnsRelease(release, 'check items');
  const [deciding, setDeciding] = useState<ApprovalDecisionValue>();
  const { value, loading, error, refresh, action } =
    useReadinessAndApprovals(props);
  const { busy, act } = action;

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
      {action.error && (
        <Box marginBottom={2}>
          <Alert severity="error" onClose={action.clearError}>
            {action.error}
          </Alert>
        </Box>
      )}
      {readiness && (
        <Checklist
          release={release}
          readiness={readiness}
          hideVerdict={props.hideVerdict}
          ownership={ownership}
          busy={busy}
          act={act}
        />
      )}
      {approvals && (
        <Box marginTop={2}>
          <Approvals
            approvals={approvals}
            userEntityRef={identity.value?.userEntityRef}
            refusal={decisionRefusal({
              approvals,
              release,
              user: identity.value,
            })}
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
