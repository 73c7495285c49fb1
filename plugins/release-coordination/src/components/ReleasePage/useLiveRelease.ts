import { useApi } from '@backstage/core-plugin-api';
import {
  RELEASE_SIGNAL_CHANNEL,
  ReleaseChangedSignal,
} from '@internal/plugin-release-coordination-common';
import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';

/**
 * Loads a release with its history, and reloads both whenever a signal says
 * someone else changed that release (or its issues), so open pages stay
 * live. `load` counts the loads: sections whose facts change without a new
 * revision of the release (issues) reload when it does.
 */
export function useLiveRelease(releaseId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const loads = useRef(0);
  const state = useAsyncRetry(async () => {
    const [release, events] = await Promise.all([
      api.getRelease(releaseId),
      api.listReleaseEvents(releaseId),
    ]);
    loads.current += 1;
    return { release, events, load: loads.current };
  }, [api, releaseId]);
  const { retry } = state;
  const { lastSignal } = useSignal<ReleaseChangedSignal>(
    RELEASE_SIGNAL_CHANNEL,
  );
  useEffect(() => {
    if (lastSignal?.id === releaseId) {
      retry();
    }
  }, [lastSignal, releaseId]); // eslint-disable-line react-hooks/exhaustive-deps -- once per signal: `retry` changes after every load, which would reload for the same signal forever
  return state;
}
