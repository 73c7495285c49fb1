import { useState } from 'react';
import { errorMessage } from './format';

/**
 * Runs the actions of a card that change a release: `busy` while one runs,
 * `error` says why the last one failed, and `onChanged` is called after each
 * success.
 */
export function useReleaseAction(onChanged: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, clearError: () => setError(undefined), run };
}
