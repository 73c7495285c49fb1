import { startActionsBackend } from '../__testUtils__/startActionsBackend';

const ALICE = 'user:default/alice'; // checkout-team, owns checkout-service
const BOB = 'user:default/bob'; // payments-team
const NORA = 'user:default/nora'; // in no group

const CREATE = 'release-coordination:release:create';
const TRANSITION = 'release-coordination:release:transition';

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString();

const plan = (overrides: object = {}) => ({
  title: 'Checkout service 2.4',
  version: '2.4.0',
  type: 'normal',
  entityRefs: ['component:default/checkout-service'],
  window: { start: inDays(10), end: inDays(10.1) },
  ...overrides,
});

describe('release-coordination scaffolder actions', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    backend = await startActionsBackend();
  });

  const releaseCount = async () =>
    (await backend.get('/releases', ALICE).expect(200)).body.items.length;

  it('registers both actions with the scaffolder', () => {
    expect(backend.actionIds()).toEqual([CREATE, TRANSITION]);
  });

  it('plans a release as the user who runs the template', async () => {
    const out = await backend.run(CREATE, plan(), ALICE);
    expect(out).toMatchObject({
      state: 'draft',
      riskLevel: expect.any(String),
    });
    expect(out.releaseUrl).toBe(
      `http://portal.test/release-coordination/releases/${out.releaseId}`,
    );
    const { body } = await backend
      .get(`/releases/${out.releaseId}`, ALICE)
      .expect(200);
    expect(body).toMatchObject({
      title: 'Checkout service 2.4',
      createdBy: ALICE,
      ownerRef: 'group:default/checkout-team',
    });
  });

  it('a dry run reports the impact and writes nothing', async () => {
    const before = await releaseCount();
    const out = await backend.run(CREATE, plan(), ALICE, { dryRun: true });
    expect(out).toEqual({ riskLevel: expect.any(String), dependentCount: 0 });
    expect(await releaseCount()).toBe(before);
  });

  it('a dry run refuses invalid input, naming the field', async () => {
    const input = plan({ window: { start: inDays(3), end: inDays(2) } });
    await expect(
      backend.run(CREATE, input, ALICE, { dryRun: true }),
    ).rejects.toThrow('window.end: must be after window.start');
  });

  it("the plugin's permissions apply to the caller", async () => {
    const before = await releaseCount();
    await expect(backend.run(CREATE, plan(), NORA)).rejects.toThrow(
      /403.*not a member of any group/s,
    );
    await expect(
      backend.run(
        CREATE,
        plan({ ownerRef: 'group:default/checkout-team' }),
        BOB,
      ),
    ).rejects.toThrow(/403/);
    expect(await releaseCount()).toBe(before);
  });

  it('moves a release through its lifecycle; others may not', async () => {
    const { releaseId } = await backend.run(CREATE, plan(), ALICE);
    // bob cannot even see alice's draft
    await expect(
      backend.run(TRANSITION, { releaseId, to: 'planned' } as any, BOB),
    ).rejects.toThrow(/404/);
    const moved = await backend.run(
      TRANSITION,
      { releaseId, to: 'planned' } as any,
      ALICE,
    );
    expect(moved).toMatchObject({ releaseId, state: 'planned' });
    const { body } = await backend.get(`/releases/${releaseId}`, BOB);
    expect(body.state).toBe('planned');
  });

  it('a dry-run transition checks the lifecycle and changes nothing', async () => {
    const { releaseId } = await backend.run(CREATE, plan(), ALICE);
    const input = { releaseId, to: 'planned' } as any;
    expect(
      await backend.run(TRANSITION, input, ALICE, { dryRun: true }),
    ).toMatchObject({ state: 'draft' });
    await expect(
      backend.run(TRANSITION, { releaseId, to: 'released' } as any, ALICE, {
        dryRun: true,
      }),
    ).rejects.toThrow('it may move to planned, cancelled, not released');
    const { body } = await backend.get(`/releases/${releaseId}`, ALICE);
    expect(body.state).toBe('draft');
  });
});
