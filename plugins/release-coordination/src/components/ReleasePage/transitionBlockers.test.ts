import {
  makeApprovals,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/builders';
import { transitionBlockers } from './transitionBlockers';

const release = makeRelease({
  state: 'planned',
  window: {
    start: '2030-03-01T09:00:00.000Z',
    end: '2030-03-01T11:00:00.000Z',
  },
});
const at = (iso: string) => Date.parse(iso);

describe('transitionBlockers', () => {
  it('blocks approving while approvals are missing or rejected', () => {
    const approvals = makeApprovals({
      required: [
        { ...makeApprovals().required[0], status: 'rejected' },
        {
          groupRef: 'group:default/search',
          reason: 'affected-dependent',
          entityRefs: ['component:default/search-api'],
          phase: 'before',
          status: 'pending',
        },
      ],
      pending: ['group:default/search'],
      rejected: true,
    });
    expect(
      transitionBlockers({
        release,
        states: ['approved', 'cancelled'],
        approvals,
        now: at('2030-03-01T08:30:00Z'),
        startLeadMinutes: 60,
      }),
    ).toEqual({
      approved: [
        { kind: 'rejected', groupRefs: ['group:default/payments'] },
        { kind: 'approvals-missing', groupRefs: ['group:default/search'] },
      ],
    });
  });

  it('blocks starting a release that is not ready or not yet within its lead time', () => {
    expect(
      transitionBlockers({
        release: { ...release, state: 'approved' },
        states: ['in_progress'],
        readiness: makeReadiness(),
        now: at('2030-03-01T07:00:00Z'),
        startLeadMinutes: 60,
      }),
    ).toEqual({
      in_progress: [
        {
          kind: 'not-ready',
          items: ['Approvals complete', 'Rollback plan reviewed'],
        },
        {
          kind: 'timing',
          refusal: {
            kind: 'start-too-early',
            earliest: at('2030-03-01T08:00:00Z'),
            leadMinutes: 60,
          },
        },
      ],
    });
  });

  it('blocks nothing that the backend would take', () => {
    expect(
      transitionBlockers({
        release: { ...release, state: 'in_progress' },
        states: ['released', 'cancelled'],
        now: at('2030-03-01T09:30:00Z'),
        startLeadMinutes: 60,
      }),
    ).toEqual({});
    expect(
      transitionBlockers({
        release: { ...release, state: 'in_progress' },
        states: ['released'],
        now: at('2030-03-01T08:59:00Z'),
        startLeadMinutes: 60,
      }),
    ).toEqual({
      released: [
        {
          kind: 'timing',
          refusal: {
            kind: 'before-window',
            to: 'released',
            start: at('2030-03-01T09:00:00Z'),
          },
        },
      ],
    });
  });
});
