import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  ALICE,
  asAlice,
  asLead,
  createApp,
  createRelease,
  valid,
} from './__testUtils__/releaseRoutesApp';
import { requestWithoutCredentials } from './__testUtils__/routerTestKit';

jest.setTimeout(30_000);

describe('createRouter', () => {
  it('answers health checks', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each([
    ['get', '/releases'],
    ['post', '/releases'],
    ['get', '/releases/x'],
    ['patch', '/releases/x'],
    ['post', '/releases/x/transition'],
    ['get', '/releases/x/events'],
  ] as const)('rejects %s %s without a user with 401', async (method, path) => {
    const { app } = await createApp();
    const res = await requestWithoutCredentials(app, method, path);
    expect(res.status).toBe(401);
  });

  describe('POST /releases', () => {
    it('creates a draft owned by the first entity’s owner and audits it', async () => {
      const { app, auditor, auditEvent } = await createApp();
      const res = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send({
          ...valid,
          entityRefs: [
            'component:checkout-service',
            'component:search-service',
          ],
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Checkout 4.0',
        state: 'draft',
        revision: 1,
        ownerRef: 'group:default/team-a',
        createdBy: ALICE,
        window: {
          start: '2026-12-01T10:00:00.000Z',
          end: '2026-12-01T12:00:00.000Z',
        },
        entityRefs: [
          'component:default/checkout-service',
          'component:default/search-service',
        ],
        description: '',
        changes: [],
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'release-create',
          severityLevel: 'medium',
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { releaseId: res.body.id, revision: 1, state: 'draft' },
      });
      const got = await request(app)
        .get(`/releases/${res.body.id}`)
        .set('Authorization', asAlice);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it("owns a release by the caller's group that holds its entities", async () => {
      const { app } = await createApp();
      // Alice's only group, whoever owns the entity
      expect(
        (await createRelease(app, { entityRefs: ['component:personal-tool'] }))
          .ownerRef,
      ).toBe('group:default/team-a');
      // the lead's group that owns it, or the one named
      expect(
        (
          await createRelease(
            app,
            { entityRefs: ['component:search-service'] },
            asLead,
          )
        ).ownerRef,
      ).toBe('group:default/team-b');
      expect(
        (await createRelease(app, { ownerRef: 'group:team-b' }, asLead))
          .ownerRef,
      ).toBe('group:default/team-b');
      // with several groups and none owning the entity, the owner is asked for
      const ambiguous = await request(app)
        .post('/releases')
        .set('Authorization', asLead)
        .send({ ...valid, entityRefs: ['component:orphan'] });
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.message).toMatch(/^ownerRef: required/);
      // a group the caller is not in is refused
      const foreign = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send({ ...valid, ownerRef: 'group:team-b' });
      expect(foreign.status).toBe(403);
    });

    it.each([
      ['a wrong type', { title: 5 }, /^title:/],
      ['an empty title', { title: '  ' }, /^title:/],
      ['an overlong title', { title: 'x'.repeat(201) }, /^title:/],
      ['an unknown field', { colour: 'red' }, /unknown field\(s\): colour/],
      [
        'an end before the start',
        {
          window: {
            start: '2026-12-02T00:00:00Z',
            end: '2026-12-01T00:00:00Z',
          },
        },
        /^window\.end: must be after/,
      ],
      [
        'a window over 90 days',
        {
          window: {
            start: '2026-01-01T00:00:00Z',
            end: '2026-06-01T00:00:00Z',
          },
        },
        /^window\.end: window may be at most 90 days/,
      ],
      [
        'over 100 refs',
        {
          entityRefs: Array.from({ length: 101 }, (_, i) => `component:c${i}`),
        },
        /^entityRefs:/,
      ],
      ['a malformed ref', { entityRefs: ['not a ref'] }, /^entityRefs\.0:/],
      ['an unknown type', { type: 'yolo' }, /^type:/],
      [
        'unknown catalog refs',
        {
          entityRefs: [
            'component:checkout-service',
            'component:ghost',
            'component:phantom',
          ],
        },
        /^entityRefs\.1: component:default\/ghost is not in the catalog; entityRefs\.2: component:default\/phantom/,
      ],
      [
        'an unknown owner',
        { ownerRef: 'group:nobody' },
        /group:default\/nobody/,
      ],
      [
        'an owner that is no group',
        { ownerRef: 'component:orphan' },
        /^ownerRef:/,
      ],
    ])(
      'rejects %s with 400 naming it and writes nothing',
      async (_, body, message) => {
        const { app, auditEvent } = await createApp();
        const res = await request(app)
          .post('/releases')
          .set('Authorization', asAlice)
          .send({ ...valid, ...body });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ name: 'InputError' });
        expect(res.body.error.message).toMatch(message);
        expect(auditEvent.fail).toHaveBeenCalled();
        const list = await request(app)
          .get('/releases')
          .set('Authorization', asAlice);
        expect(list.body).toEqual({ items: [] });
      },
    );

    it('rejects malformed JSON with 400', async () => {
      const { app } = await createApp();
      const res = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .set('Content-Type', 'application/json')
        .send('{"title": ');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toMatch(/not valid JSON/);
    });

    it('rejects callers without the create permission with 403', async () => {
      const { app, store } = await createApp({
        permission: AuthorizeResult.DENY,
      });
      const res = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send(valid);
      expect(res.status).toBe(403);
      expect(await store.isEmpty()).toBe(true);
    });
  });
});
