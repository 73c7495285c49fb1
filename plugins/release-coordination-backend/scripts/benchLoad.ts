/*
 * The load of the HTTP benchmark (issue 14), in a child process of its own:
 * autocannon parses every answer it receives, and in the backend's process it
 * would take that time from the single thread the measured endpoint runs on
 * (a page of 200 releases is about half a megabyte). A browser does not
 * share the portal's thread either. The parent forks this file, sends one
 * load to run, and gets its figures back.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';

/** One endpoint measured at one number of connections. */
export type Measured = {
  name: string;
  connections: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
};

/** What the child process is asked to load. */
type Load = {
  base: string;
  name: string;
  paths: string[];
  connections: number;
  /** Seconds. */
  duration: number;
  /** The `authorization` header of each request in turn (one per user). */
  authorizations: string[];
  /** More headers of every request (e.g. a browser's `accept-encoding`). */
  headers?: Record<string, string>;
};

/** The value at percentile `p` (0–100) of ascending samples. */
export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** Runs autocannon over a rotating list of paths; p95 from each response time. */
async function runLoad(load: Load): Promise<Measured> {
  const { base, name, paths, connections, duration, authorizations } = load;
  const headers = { ...load.headers, authorization: authorizations[0] };
  // warm up: JIT, the catalog graph cache, database caches
  for (const p of paths.slice(0, 5)) {
    const res = await fetch(base + p, { headers });
    if (!res.ok) {
      throw new Error(`${name}: ${res.status} ${await res.text()}`);
    }
  }
  let next = 0;
  const times: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: req => {
          const n = next++;
          return {
            ...req,
            path: base + paths[n % paths.length],
            headers: {
              ...req.headers,
              authorization: authorizations[n % authorizations.length],
            },
          };
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (statusCode >= 300) errors++;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    name,
    connections,
    requests: times.length,
    errors: errors + result.errors + result.timeouts,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: result.requests.average,
  };
}

/**
 * Measures `paths` (relative to `base`, taken in turn) with `connections`
 * for `duration` seconds, from a child process.
 */
export function measure(load: Load): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], {
      execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
      env: { ...process.env, BENCH_LOAD_CHILD: '1' },
    });
    // other messages may come over the channel (the module loader's)
    child.on('message', (answer: { measured?: Measured; error?: string }) => {
      if (answer?.measured) resolve(answer.measured);
      else if (answer?.error) reject(new Error(answer.error));
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) reject(new Error(`load process exited with ${code}`));
    });
    child.send(load);
  });
}

if (process.env.BENCH_LOAD_CHILD && process.send) {
  process.on('message', (load: Load) => {
    if (!load?.paths) return;
    runLoad(load).then(
      measured => process.send!({ measured }, () => process.exit(0)),
      error => process.send!({ error: String(error) }, () => process.exit(1)),
    );
  });
}
