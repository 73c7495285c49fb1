import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useTheme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import BlockIcon from '@material-ui/icons/Block';
import {
  ACTIVE_RELEASE_STATES,
  Release,
  ReleaseReadinessVerdict,
} from '@internal/plugin-release-coordination-common';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { CalendarIssueBadge } from '../ReleaseIssues/CalendarIssueBadge';
import { CalendarCriteriaBadge } from '../Verification/CalendarCriteriaBadge';
import { StatusIcon } from '../shared/StatusIcon';
import { readableText } from '../shared/format';

/** Readiness verdicts of the releases a calendar shows, by release id. */
export interface CalendarVerdicts {
  verdicts: Map<string, ReleaseReadinessVerdict>;
  /** Why they could not be loaded (not for backends without readiness). */
  error?: Error;
}

const NO_VERDICTS: CalendarVerdicts = { verdicts: new Map() };

/** The verdicts the calendar items of a calendar show. */
export const CalendarVerdictsContext =
  createContext<CalendarVerdicts>(NO_VERDICTS);

/**
 * Loads the readiness verdicts of the shown releases that are not finished
 * (one batched request per 50), again when one of them changes. Until they
 * arrive the items show no mark; marks already shown stay while reloading.
 */
export function useReadinessVerdicts(releases: Release[]): CalendarVerdicts {
  const api = useApi(releaseCoordinationApiRef);
  const key = useMemo(
    () =>
      releases
        // released ones too: their open issues may turn them red
        .filter(
          r =>
            ACTIVE_RELEASE_STATES.includes(r.state) || r.state === 'released',
        )
        .map(r => `${r.id}@${r.revision}`)
        .sort()
        .join(','),
    [releases],
  );
  const [state, setState] = useState<CalendarVerdicts>(NO_VERDICTS);
  useEffect(() => {
    if (!key) {
      setState(NO_VERDICTS);
      return undefined;
    }
    let cancelled = false;
    const ids = key.split(',').map(entry => entry.split('@')[0]);
    api.getReadinessVerdicts(ids).then(
      items => {
        if (!cancelled) {
          setState({ verdicts: new Map(items.map(v => [v.releaseId, v])) });
        }
      },
      (error: Error) => {
        if (cancelled) return;
        const unsupported =
          error instanceof ResponseError && error.statusCode === 404;
        setState({
          verdicts: new Map(),
          ...(unsupported ? {} : { error }),
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, key]);
  return state;
}

/**
 * A release's go / no-go mark in the calendar: a tick when ready, a stop sign
 * when not, with the blocking reasons in its tooltip and accessible name;
 * nothing until the verdict is known.
 */
export function ReadinessMark(props: { releaseId: string }) {
  const theme = useTheme();
  const verdict = useContext(CalendarVerdictsContext).verdicts.get(
    props.releaseId,
  );
  if (!verdict) return null;
  const worst = verdict.openIssues?.worst;
  const badge = worst && (
    <CalendarIssueBadge severity={worst} counts={verdict.openIssues!} />
  );
  const ready = verdict.verdict === 'ready';
  const label = ready
    ? 'Ready'
    : `Not ready: ${
        verdict.blocking.map(readableText).join('; ') || 'see its readiness'
      }`;
  return (
    <>
      <StatusIcon
        icon={ready ? CheckCircleIcon : BlockIcon}
        label={label}
        color={ready ? theme.palette.success.main : theme.palette.error.main}
        fontSize="inherit"
        data={{
          'data-testid': 'calendar-readiness',
          'data-verdict': verdict.verdict,
        }}
        details={
          ready ? (
            'Ready'
          ) : (
            <>
              <div>Not ready:</div>
              {verdict.blocking.map((reason, index) => (
                <div key={index}>{readableText(reason)}</div>
              ))}
            </>
          )
        }
      />{' '}
      {badge}
      {verdict.criteria && (
        <CalendarCriteriaBadge progress={verdict.criteria} />
      )}
    </>
  );
}
