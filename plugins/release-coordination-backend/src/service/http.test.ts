import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { itemsFromJson, refuseNulCharacters } from './http';

describe('refuseNulCharacters', () => {
  const app = express()
    .use(express.json())
    .use(refuseNulCharacters)
    .all('/releases/:id', (_req, res) => {
      res.json({ reached: true });
    })
    .use(mockErrorHandler());

  it('refuses a NUL in the path, a query parameter or a body field, naming where', async () => {
    const inPath = await request(app).get('/releases/a%00b');
    expect(inPath.status).toBe(400);
    expect(inPath.body.error.message).toMatch(/^path:/);

    const inQuery = await request(app).get('/releases/1?system=%00');
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.error.message).toMatch(/^system:/);

    const inBody = await request(app)
      .post('/releases/1')
      .send({ changes: [{ title: 'a\u0000b' }] });
    expect(inBody.status).toBe(400);
    expect(inBody.body.error.message).toMatch(/^changes\.0\.title:/);
  });

  it('lets other requests through', async () => {
    const res = await request(app)
      .post('/releases/1?system=checkout')
      .send({ title: 'Checkout \u202E 5.0 %00' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reached: true });
  });
});

describe('itemsFromJson', () => {
  it('writes the items as they are, multi-byte characters included', () => {
    const texts = ['{"title":"Grüße, 東京 🚀"}', '2', '"x"'];
    expect(JSON.parse(itemsFromJson(texts).toString('utf8'))).toEqual({
      items: [{ title: 'Grüße, 東京 🚀' }, 2, 'x'],
    });
    expect(itemsFromJson([]).toString('utf8')).toBe('{"items":[]}');
  });

  it("ends with the next page's cursor when there is one", () => {
    expect(
      JSON.parse(itemsFromJson(['1', '2'], 'eyJpZCI6ImEifQ').toString('utf8')),
    ).toEqual({ items: [1, 2], nextCursor: 'eyJpZCI6ImEifQ' });
    expect(JSON.parse(itemsFromJson([], 'c"ü').toString('utf8'))).toEqual({
      items: [],
      nextCursor: 'c"ü',
    });
  });
});
