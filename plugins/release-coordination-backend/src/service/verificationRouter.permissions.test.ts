import request from 'supertest';
import {
  addCriterion,
  ALICE,
  as,
  BOB,
  createVerificationApp,
  DAVE,
  NORA,
  recordResult,
  RITA,
  TEAM_B,
} from './__testUtils__/verificationRoutesApp';

jest.setTimeout(60_000);

/**
 * Who may do what with success criteria. The release is owned by team-a
 * (dave, alice); bob is in team-b, rita a release manager, nora in no group.
 */
const TABLE = [
  // add, edit and delete: whoever may change the release
  ['add', 'owning group member (dave)', DAVE, 201],
  ['add', 'release manager (rita)', RITA, 201],
  ['add', 'other team (bob)', BOB, 403],
  ['add', 'in no group (nora)', NORA, 403],
  ['edit', 'owning group member (alice)', ALICE, 200],
  ['edit', 'release manager (rita)', RITA, 200],
  ['edit', 'other team (bob)', BOB, 403],
  ['edit', 'in no group (nora)', NORA, 403],
  ['delete', 'owning group member (alice)', ALICE, 204],
  ['delete', 'other team (bob)', BOB, 403],
  ['delete', 'in no group (nora)', NORA, 403],
  // record a result: the criterion's owner only
  ['record (owner user alice)', 'the owner user (alice)', ALICE, 200],
  [
    'record (owner user alice)',
    'release owner, not the criterion owner (dave)',
    DAVE,
    403,
  ],
  ['record (owner user alice)', 'release manager (rita)', RITA, 403],
  ['record (owner group team-b)', 'member of the owner group (bob)', BOB, 200],
  ['record (owner group team-b)', 'non-member (alice)', ALICE, 403],
  ['record (owner group team-b)', 'in no group (nora)', NORA, 403],
] as const;

describe('success criteria permissions', () => {
  it.each(TABLE)('%s by %s', async (action, _who, user, expected) => {
    const { app, seed, services } = await createVerificationApp();
    const store = services.stores.verificationStore;
    let res: request.Response;
    if (action.startsWith('record')) {
      const release = await seed('released');
      const ownerRef = action.includes('team-b') ? TEAM_B : ALICE;
      await store.addCriteria(release.id, [
        {
          id: 'c1',
          text: 'Criterion',
          ownerRef,
          createdBy: DAVE,
          createdAt: release.createdAt,
        },
      ]);
      res = await recordResult(app, release.id, 'c1', user, { result: 'met' });
    } else {
      const release = await seed('planned');
      const body = { text: 'Criterion', ownerRef: TEAM_B };
      if (action === 'add') {
        res = await addCriterion(app, release.id, user, body);
      } else {
        const { id } = (await addCriterion(app, release.id, DAVE, body)).body;
        const path = `/releases/${release.id}/criteria/${id}`;
        res =
          action === 'edit'
            ? await request(app)
                .patch(path)
                .set('Authorization', as(user))
                .send({ text: 'New' })
            : await request(app).delete(path).set('Authorization', as(user));
      }
    }
    expect(res.status).toBe(expected);
  });
});
