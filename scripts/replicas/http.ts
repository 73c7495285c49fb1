/*
 * Requests to the replicas as demo users, and a bounded runner: at most
 * `concurrency` requests in flight, every request answered or failed within a
 * timeout, so a run always stops by itself.
 */
import { DemoUser } from './tokens';

const API = '/api/release-coordination';
const TIMEOUT_MS = 30_000;

/** What one request got: `status` 0 when no answer came (connection cut, refused, timeout). */
export interface Answer {
  status: number;
  body: any;
  error?: string;
  ms: number;
}

/** Calls the release-coordination API of a replica as a user. */
export async function call(
  baseUrl: string,
  user: DemoUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(`${baseUrl}${API}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${user.token}`,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: parsed, ms: Date.now() - started };
  } catch (error) {
    return {
      status: 0,
      body: undefined,
      error: String((error as Error)?.cause ?? error),
      ms: Date.now() - started,
    };
  }
}

/** Like {@link call}, but throws unless the answer is 2xx (setup steps). */
export async function must(
  baseUrl: string,
  user: DemoUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const answer = await call(baseUrl, user, method, path, body);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(
      `${method} ${path} as ${user.name}: ${answer.status} ${
        answer.error ?? JSON.stringify(answer.body)
      }`,
    );
  }
  return answer.body;
}

/**
 * Runs the tasks with at most `concurrency` at a time, in order of start;
 * `onDone` sees the count of finished tasks (to crash a replica mid-load).
 */
export async function runBounded<T>(
  tasks: (() => Promise<T>)[],
  concurrency: number,
  onDone?: (finished: number) => void,
): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
      finished += 1;
      onDone?.(finished);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, worker),
  );
  return results;
}
