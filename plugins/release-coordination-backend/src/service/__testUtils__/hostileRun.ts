/*
 * The runner of the hostile-input tests: sends each generated request and
 * checks that it never gets a 5xx and that a refused request (4xx) writes
 * nothing. It also records each request's duration for the results file
 * (never asserted: the machines are shared and noisy).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { API, HostileBackend } from './hostileBackend';
import { RawBody } from './hostileRequests';

/** Cases each endpoint is tried with. */
export const RUNS_PER_ENDPOINT = 1000;

/** Row counts and a content hash of every table of the plugin's database. */
export async function snapshotDatabase(
  knex: Knex,
): Promise<Record<string, string>> {
  const tables =
    knex.client.config.client === 'pg'
      ? (
          await knex('information_schema.tables')
            .select('table_name as name')
            .whereRaw('table_schema = current_schema()')
        ).map(row => row.name as string)
      : (
          await knex('sqlite_master')
            .select('name')
            .where({ type: 'table' })
            .whereNot('name', 'like', 'sqlite_%')
        ).map(row => row.name as string);
  const snapshot: Record<string, string> = {};
  for (const table of tables.sort()) {
    const rows = (await knex(table).select()).map(row => JSON.stringify(row));
    rows.sort();
    const hash = createHash('sha256');
    rows.forEach(row => hash.update(row).update('\n'));
    snapshot[table] = `${rows.length} rows, ${hash.digest('hex').slice(0, 16)}`;
  }
  return snapshot;
}

/** One request of a case. */
export interface HostileRequest {
  path: string;
  query?: string;
  body?: RawBody;
}

/** What was measured of one endpoint. */
interface EndpointResult {
  endpoint: string;
  cases: number;
  statuses: Record<number, number>;
  durationsMs: number[];
  /** The slowest request and its duration. */
  slowest?: { ms: number; request: string };
}

/** Runs endpoint properties on one backend and keeps their figures. */
export class HostileInputRun {
  readonly results: EndpointResult[] = [];
  failures = 0;
  #baseline?: Record<string, string>;

  constructor(private readonly backend: HostileBackend) {}

  /** Sends one request and checks the two properties. */
  async #send(method: string, sent: HostileRequest, result: EndpointResult) {
    const { server, knex } = this.backend;
    this.#baseline ??= await snapshotDatabase(knex);
    const url = `${API}${sent.path}${sent.query ? `?${sent.query}` : ''}`;
    let req = request(server)[method as 'get'](url);
    if (sent.body?.contentType)
      req = req.set('Content-Type', sent.body.contentType);
    const started = performance.now();
    const res = await (sent.body?.text !== undefined
      ? req.send(sent.body.text)
      : req);
    const ms = performance.now() - started;
    result.durationsMs.push(ms);
    result.cases += 1;
    result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
    const describe = () =>
      `${method.toUpperCase()} ${url.slice(0, 500)} body ${String(
        sent.body?.text,
      ).slice(0, 500)} -> ${res.status} ${JSON.stringify(res.body).slice(
        0,
        800,
      )}`;
    if (ms > (result.slowest?.ms ?? 0)) {
      result.slowest = { ms, request: describe() };
    }
    if (res.status >= 500) {
      this.#baseline = undefined;
      throw new Error(`5xx: ${describe()}`);
    }
    const after = await snapshotDatabase(knex);
    if (res.status >= 400) {
      const changed = Object.keys({ ...after, ...this.#baseline }).filter(
        table => after[table] !== this.#baseline![table],
      );
      if (changed.length > 0) {
        this.#baseline = after;
        throw new Error(
          `refused request wrote to ${changed.join(', ')}: ${describe()}`,
        );
      }
    }
    this.#baseline = after;
  }

  /**
   * Checks, on `runs` generated requests of `method` to an endpoint, that none
   * gets a 5xx and that every refused one (4xx) leaves the database as it was;
   * resolves to the number of cases tried.
   */
  async check(
    endpoint: string,
    method: 'get' | 'post' | 'patch' | 'put' | 'delete',
    requests: fc.Arbitrary<HostileRequest>,
    runs = RUNS_PER_ENDPOINT,
  ) {
    const result: EndpointResult = {
      endpoint,
      cases: 0,
      statuses: {},
      durationsMs: [],
    };
    this.results.push(result);
    try {
      await fc.assert(
        fc.asyncProperty(requests, sent => this.#send(method, sent, result)),
        { numRuns: runs, endOnFailure: true },
      );
    } catch (error) {
      this.failures += 1;
      throw error;
    }
    return result.cases;
  }

  /** The figures of this run as a Markdown section. */
  report(title: string): string {
    const cases = this.results.reduce((sum, r) => sum + r.cases, 0);
    const rows = this.results.map(r => {
      const sorted = [...r.durationsMs].sort((a, b) => a - b);
      const p99 =
        sorted[
          Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)
        ];
      const count = (test: (status: number) => boolean) =>
        Object.entries(r.statuses)
          .filter(([status]) => test(Number(status)))
          .reduce((sum, [, n]) => sum + n, 0);
      const refused = Object.entries(r.statuses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ');
      return `| \`${r.endpoint}\` | ${r.cases} | ${count(
        s => s < 300,
      )} | ${refused} | ${p99?.toFixed(1) ?? '-'} | ${
        sorted[sorted.length - 1]?.toFixed(1) ?? '-'
      } |`;
    });
    return [
      `### ${title}`,
      '',
      `${cases} cases, ${this.failures} failures.`,
      '',
      '| endpoint | cases | 2xx | refused (status×count) | p99 ms | max ms |',
      '| --- | ---: | ---: | --- | ---: | ---: |',
      ...rows,
      '',
      'Slowest request of each endpoint (truncated):',
      '',
      ...this.results.map(
        r =>
          `- \`${r.endpoint}\` ${r.slowest?.ms.toFixed(
            1,
          )} ms: \`${r.slowest?.request
            .replace(/`/g, "'")
            .replace(/[^\x20-\x7e]/gu, '?')
            .slice(0, 300)}\``,
      ),
      '',
    ].join('\n');
  }
}

/** The results file the runs write their sections into when `HOSTILE_INPUT_RESULTS` is set. */
const RESULTS_FILE = path.resolve(
  __dirname,
  '../../../bench/HOSTILE_INPUT_RESULTS.md',
);

/**
 * Prints a run's figures and, when `HOSTILE_INPUT_RESULTS` is set, writes them
 * as the section `key` of bench/HOSTILE_INPUT_RESULTS.md.
 */
export function recordResults(
  key: string,
  title: string,
  run: HostileInputRun,
) {
  const section = run.report(title);
  // eslint-disable-next-line no-console
  console.log(section);
  if (!process.env.HOSTILE_INPUT_RESULTS) return;
  const begin = `<!-- ${key} -->`;
  const end = `<!-- /${key} -->`;
  const current = fs.existsSync(RESULTS_FILE)
    ? fs.readFileSync(RESULTS_FILE, 'utf8')
    : '';
  const block = `${begin}\n${section}${end}`;
  const start = current.indexOf(begin);
  const next =
    start >= 0
      ? current.slice(0, start) +
        block +
        current.slice(current.indexOf(end) + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(RESULTS_FILE, next);
}
