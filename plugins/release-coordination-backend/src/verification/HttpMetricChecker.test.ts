import {
  Release,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { proposeFor } from './checkers';
import { fillUrlTemplate, HttpMetricChecker } from './HttpMetricChecker';

const NOW = new Date('2026-12-05T12:00:00.000Z');

const release = {
  id: 'rel-1',
  entityRefs: ['component:default/payments-service'],
} as Release;

const criterion = (metric: string): SuccessCriterion => ({
  id: 'c1',
  releaseId: 'rel-1',
  text: 'Error rate below 0.5 %',
  check: { metric, comparator: '<', threshold: 0.5, window: 'PT1H' },
  ownerRef: 'group:default/payments-team',
  createdBy: 'user:default/alice',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
});

/** A local metrics endpoint: answers by path, records what it was asked. */
let server: Server;
let base: string;
let host: string;
const asked: string[] = [];
const pending = new Set<() => void>();

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req.url!);
    const path = req.url!.split('?')[0];
    if (path === '/slow') {
      // answers only when the test ends: the checker gives up first
      pending.add(() => res.end('{"data":{"value":0.1}}'));
      return;
    }
    res.setHeader('content-type', 'application/json');
    const bodies: Record<string, string> = {
      '/good': '{"data":{"result":[{"value":0.25}]}}',
      '/bad': '{"data":{"result":[{"value":"0.75"}]}}',
      '/broken': '{"data": [',
      '/missing': '{"data":{}}',
      '/object': '{"data":{"value":{"p99":{"ms":120}}}}',
      '/text': '{"data":{"value":"n/a"}}',
    };
    if (!(path in bodies)) {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    res.end(bodies[path]);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});

afterAll(async () => {
  pending.forEach(finish => finish());
  server.close();
  await once(server, 'close');
});

const checker = () =>
  new HttpMetricChecker({
    good: {
      urlTemplate: `${base}/good?release={releaseId}&entity={entityRef}&m={metric}`,
      valuePath: 'data.result.0.value',
      timeoutMs: 2000,
    },
    bad: {
      urlTemplate: `${base}/bad`,
      valuePath: 'data.result.0.value',
      timeoutMs: 2000,
    },
    slow: {
      urlTemplate: `${base}/slow`,
      valuePath: 'data.value',
      timeoutMs: 200,
    },
    broken: {
      urlTemplate: `${base}/broken`,
      valuePath: 'data',
      timeoutMs: 2000,
    },
    missing: {
      urlTemplate: `${base}/missing`,
      valuePath: 'data.value',
      timeoutMs: 2000,
    },
    object: {
      urlTemplate: `${base}/object?release={releaseId}`,
      valuePath: 'data.value',
      timeoutMs: 2000,
    },
    text: {
      urlTemplate: `${base}/text`,
      valuePath: 'data.value',
      timeoutMs: 2000,
    },
    gone: { urlTemplate: `${base}/gone`, valuePath: 'x', timeoutMs: 2000 },
  });

const propose = (metric: string) =>
  proposeFor([checker()], release, criterion(metric), NOW);

describe('HttpMetricChecker against a local HTTP server', () => {
  it('proposes met with the value read at the path, asking the filled-in URL', async () => {
    expect(await propose('good')).toEqual({
      result: 'met',
      observedValue: 0.25,
      checker: 'http',
      checkedAt: NOW.toISOString(),
    });
    expect(asked).toContain(
      '/good?release=rel-1&entity=component%3Adefault%2Fpayments-service&m=good',
    );
  });

  it('proposes not met when the value misses the threshold (a number in a string counts)', async () => {
    expect(await propose('bad')).toMatchObject({
      result: 'not_met',
      observedValue: 0.75,
    });
  });

  it('leaves the criterion open with an error when the endpoint times out', async () => {
    const proposal = await propose('slow');
    expect(proposal).toEqual({
      error: `The metrics service at ${host} did not answer within 200 ms`,
      checker: 'http',
      checkedAt: NOW.toISOString(),
    });
  });

  it('leaves the criterion open with an error on bad JSON, a missing value or an error status', async () => {
    expect((await propose('broken'))?.error).toBe(
      `The metrics service at ${host} did not answer with JSON`,
    );
    expect((await propose('missing'))?.error).toBe(
      `The metrics service at ${host} answered no number at "data.value" (it is missing)`,
    );
    expect((await propose('text'))?.error).toBe(
      `The metrics service at ${host} answered no number at "data.value" (it is the text "n/a")`,
    );
    expect((await propose('gone'))?.error).toBe(
      `The metrics service at ${host} answered with status 404`,
    );
    for (const metric of ['broken', 'missing', 'text', 'gone']) {
      expect((await propose(metric))?.result).toBeUndefined();
    }
  });

  it('says what it read in plain words: no raw JSON, no release id from the URL', async () => {
    const error = (await propose('object'))?.error;
    expect(error).toBe(
      `The metrics service at ${host} answered no number at "data.value" (it is an object)`,
    );
    expect(asked).toContain('/object?release=rel-1');
    expect(error).not.toContain('rel-1');
    expect(error).not.toMatch(/[{}]/);
  });

  it('proposes nothing for metrics it does not read or criteria without a check', async () => {
    expect(await propose('unknown')).toBeUndefined();
    expect(
      await proposeFor(
        [checker()],
        release,
        { ...criterion('good'), check: undefined },
        NOW,
      ),
    ).toBeUndefined();
  });
});

describe('fillUrlTemplate', () => {
  it('URL-encodes the values and leaves other braces alone', () => {
    expect(
      fillUrlTemplate(
        'https://m.example.com/{metric}?q={entityRef}&x={other}',
        {
          releaseId: 'r',
          entityRef: 'component:default/a b',
          metric: 'p95/latency',
        },
      ),
    ).toBe(
      'https://m.example.com/p95%2Flatency?q=component%3Adefault%2Fa%20b&x={other}',
    );
  });
});
