import { ResponseError } from '@backstage/errors';
import { SuccessCriterion } from '@internal/plugin-release-coordination-common';
import { setupContractServer } from '../__testUtils__/contractServer';

const server = setupContractServer();

const criterion: SuccessCriterion = {
  id: 'c/1',
  releaseId: 'a/b',
  text: 'Tickets normal',
  ownerRef: 'group:default/payments',
  createdBy: 'user:default/alice',
  createdAt: '2030-03-01T12:00:00.000Z',
  updatedAt: '2030-03-01T12:00:00.000Z',
};

describe('ReleaseCoordinationClient: success criteria', () => {
  it('lists, adds, edits, deletes and records criteria at their encoded paths', async () => {
    const verification = {
      criteria: [criterion],
      editable: true,
      recordable: false,
      verifiable: false,
      blocking: ['"Tickets normal" (open, owner group:default/payments)'],
    };
    server.respond('get', '/releases/a%2Fb/criteria', verification);
    server.respond('post', '/releases/a%2Fb/criteria', criterion);
    server.respond('patch', '/releases/a%2Fb/criteria/c%2F1', criterion);
    server.respond('delete', '/releases/a%2Fb/criteria/c%2F1', undefined);
    server.respond('post', '/releases/a%2Fb/criteria/c%2F1/result', criterion);
    const { api } = server;

    await expect(api.getReleaseVerification('a/b')).resolves.toEqual(
      verification,
    );
    await api.addSuccessCriterion('a/b', {
      text: 'Tickets normal',
      ownerRef: 'group:default/payments',
    });
    await api.updateSuccessCriterion('a/b', 'c/1', { check: null });
    await expect(
      api.deleteSuccessCriterion('a/b', 'c/1'),
    ).resolves.toBeUndefined();
    await api.recordCriterionResult('a/b', 'c/1', {
      result: 'waived',
      waiverReason: 'No baseline',
    });
    expect(
      server.bodies('patch', '/releases/{id}/criteria/{criterionId}'),
    ).toEqual([{ check: null }]);
    expect(
      server.requests('delete', '/releases/{id}/criteria/{criterionId}')[0]
        .params,
    ).toEqual({ id: 'a/b', criterionId: 'c/1' });
    expect(
      server.bodies('post', '/releases/{id}/criteria/{criterionId}/result'),
    ).toEqual([{ result: 'waived', waiverReason: 'No baseline' }]);
  });

  it("throws the server's refusal of an owner's result", async () => {
    server.fail(
      'post',
      '/releases/r1/criteria/c1/result',
      403,
      'Only group:default/payments may record the result of this criterion',
    );
    const refused = await server.api
      .recordCriterionResult('r1', 'c1', { result: 'met' })
      .catch(e => e);
    expect(refused).toBeInstanceOf(ResponseError);
    expect(refused.statusCode).toBe(403);
  });
});
