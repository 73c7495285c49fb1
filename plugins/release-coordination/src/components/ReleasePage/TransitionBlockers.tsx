import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  DEFAULT_START_LEAD_MINUTES,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { GroupList } from '../Readiness/decisionRefusal';
import { unlessNotFound } from '../shared/unlessNotFound';
import { formatTimestamp, transitionLabel } from '../shared/format';
import { TransitionBlocker, transitionBlockers } from './transitionBlockers';

/**
 * What blocks each of the given moves of the release, reloaded whenever
 * `refreshKey` changes; empty until known or when it cannot be loaded (the
 * move's own answer then says why).
 */
export function useTransitionBlockers(
  release: Release,
  states: ReleaseState[],
  refreshKey?: number,
) {
  const api = useApi(releaseCoordinationApiRef);
  const config = useApi(configApiRef);
  const startLeadMinutes =
    config.getOptionalNumber(
      'releaseCoordination.lifecycle.startLeadMinutes',
    ) ?? DEFAULT_START_LEAD_MINUTES;
  const needsApprovals = states.includes('approved');
  const needsReadiness = states.includes('in_progress');
  const facts = useAsync(async () => {
    const [approvals, readiness] = await Promise.all([
      needsApprovals
        ? unlessNotFound(api.getReleaseApprovals(release.id))
        : undefined,
      needsReadiness
        ? unlessNotFound(api.getReleaseReadiness(release.id))
        : undefined,
    ]);
    return { approvals, readiness };
  }, [
    api,
    release.id,
    release.revision,
    refreshKey,
    needsApprovals,
    needsReadiness,
  ]);
  return transitionBlockers({
    release,
    states,
    approvals: facts.value?.approvals,
    readiness: facts.value?.readiness,
    now: Date.now(),
    startLeadMinutes,
  });
}

/** One blocker in plain words. */
function BlockerText(props: { blocker: TransitionBlocker }) {
  const { blocker } = props;
  switch (blocker.kind) {
    case 'approvals-missing':
      return (
        <>
          Waiting for the approval of{' '}
          <GroupList groupRefs={blocker.groupRefs} />.
        </>
      );
    case 'rejected':
      return (
        <>
          Rejected by <GroupList groupRefs={blocker.groupRefs} />: change the
          plan to ask again.
        </>
      );
    case 'not-ready':
      return <>Not ready: {blocker.items.join(', ')} (see Readiness below).</>;
    default: {
      const { refusal } = blocker;
      if (refusal.kind === 'start-too-early') {
        return (
          <>
            It can start from{' '}
            {formatTimestamp(new Date(refusal.earliest).toISOString())},{' '}
            {refusal.leadMinutes} minutes before its window; move the window to
            start earlier.
          </>
        );
      }
      if (refusal.kind === 'window-ended') {
        return (
          <>
            Its window ended at{' '}
            {formatTimestamp(new Date(refusal.end).toISOString())}: move the
            window to start it.
          </>
        );
      }
      return (
        <>
          It can be marked {refusal.to} once its window starts at{' '}
          {formatTimestamp(new Date(refusal.start).toISOString())}.
        </>
      );
    }
  }
}

/** Why moves are blocked, in plain words, under the lifecycle buttons. */
export function TransitionBlockerList(props: {
  blockers: Partial<Record<ReleaseState, TransitionBlocker[]>>;
}) {
  const entries = Object.entries(props.blockers) as [
    ReleaseState,
    TransitionBlocker[],
  ][];
  if (entries.length === 0) return null;
  return (
    <Box width="100%" data-testid="transition-blockers">
      {entries.map(([state, blockers]) => (
        <Box key={state}>
          <Typography variant="body2" component="div">
            <strong>{transitionLabel(state)}</strong> is not possible yet:
          </Typography>
          <ul style={{ marginTop: 0, marginBottom: 4 }}>
            {blockers.map((blocker, i) => (
              <li key={i}>
                <Typography variant="body2" component="span">
                  <BlockerText blocker={blocker} />
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      ))}
    </Box>
  );
}
