import { makeApprovals, makeRelease } from '../../__fixtures__/builders';
import { decisionRefusal } from './decisionRefusal';

const ALICE = 'user:default/alice';
const release = makeRelease({ state: 'planned', createdBy: ALICE });
const waiting = makeApprovals({ mayDecide: [] });
const member = {
  userEntityRef: ALICE,
  ownershipEntityRefs: [ALICE, 'group:default/Payments'],
};

describe('decisionRefusal', () => {
  it('says nothing when the user may decide or nobody decides any more', () => {
    expect(
      decisionRefusal({ approvals: makeApprovals(), release, user: member }),
    ).toBeUndefined();
    expect(
      decisionRefusal({
        approvals: waiting,
        release: { ...release, state: 'cancelled' },
        user: member,
      }),
    ).toBeUndefined();
  });

  it('tells the creator, members without the permission and non-members apart', () => {
    expect(
      decisionRefusal({ approvals: waiting, release, user: member }),
    ).toEqual({ kind: 'self-approval' });
    expect(
      decisionRefusal({
        approvals: waiting,
        release: { ...release, createdBy: 'user:default/grace' },
        user: member,
      }),
    ).toEqual({ kind: 'not-allowed', groupRefs: ['group:default/payments'] });
    expect(
      decisionRefusal({
        approvals: waiting,
        release,
        user: { userEntityRef: 'user:default/bob', ownershipEntityRefs: [] },
      }),
    ).toEqual({ kind: 'not-member', groupRefs: ['group:default/payments'] });
  });

  it('after a finished release, counts only the groups approving afterwards', () => {
    expect(
      decisionRefusal({
        approvals: waiting,
        release: { ...release, state: 'verified' },
        user: member,
      }),
    ).toBeUndefined();
  });
});
