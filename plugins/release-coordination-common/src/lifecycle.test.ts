import { isTransitionAllowed, nextReleaseStates } from './lifecycle';
import { RELEASE_STATES } from './types';

describe('release lifecycle', () => {
  it('follows draft → planned → approved → in_progress → released → verified', () => {
    const path = [
      'draft',
      'planned',
      'approved',
      'in_progress',
      'released',
      'verified',
    ] as const;
    for (let i = 1; i < path.length; i++) {
      expect(isTransitionAllowed(path[i - 1], path[i])).toBe(true);
    }
  });

  it('allows rollback only after release and cancel only before it', () => {
    for (const state of RELEASE_STATES) {
      expect(isTransitionAllowed(state, 'rolled_back')).toBe(
        state === 'released' || state === 'rolling_back',
      );
      expect(isTransitionAllowed(state, 'rolling_back')).toBe(
        state === 'released',
      );
      expect(isTransitionAllowed(state, 'cancelled')).toBe(
        ['draft', 'planned', 'approved', 'in_progress'].includes(state),
      );
    }
  });

  it('has no way out of final states and no skipping', () => {
    expect(nextReleaseStates('verified')).toEqual([]);
    expect(nextReleaseStates('cancelled')).toEqual([]);
    expect(nextReleaseStates('rolled_back')).toEqual([]);
    expect(nextReleaseStates('rolling_back')).toEqual(['rolled_back']);
    expect(isTransitionAllowed('draft', 'released')).toBe(false);
  });
});
