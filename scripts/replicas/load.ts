/*
 * Sends the requests of a phase with bounded concurrency and records what
 * each got; an optional crash kills a replica once a share of the requests
 * finished.
 */
import { Replica } from './cluster';
import { Answer, call, runBounded } from './http';
import { Op } from './scenario';

/** One request and what it got. */
export interface Outcome extends Answer {
  op: Op;
  /** The body sent (an edit's revision is in it). */
  sent: Record<string, unknown>;
  /** Whether the replica it went to had been killed when it was sent. */
  toKilled: boolean;
  /** Whether it was sent after the crash, to a replica that was up. */
  duringOutage: boolean;
}

/** The release a 2xx answer carries (bookings wrap it). */
export function answeredRelease(outcome: Outcome) {
  const body = outcome.body ?? {};
  return outcome.op.kind === 'book' ? body.release : body;
}

export const isOk = (o: { status: number }) =>
  o.status >= 200 && o.status < 300;

/** A crash during the phase: which replica, after how many finished requests. */
export interface Crash {
  replica: Replica;
  afterFinished: number;
}

/** Runs the requests of a phase; `known` follows the newest revision each release answered. */
export async function runPhase(options: {
  ops: Op[];
  replicas: Replica[];
  known: Map<string, number>;
  concurrency: number;
  crash?: Crash;
}): Promise<Outcome[]> {
  const { ops, replicas, known, crash } = options;
  let killed: Replica | undefined;
  let crashing: Promise<void> | undefined;
  const tasks = ops.map(op => async (): Promise<Outcome> => {
    const replica = replicas[op.replica];
    const sent = op.body();
    const toKilled = killed === replica;
    const duringOutage = killed !== undefined && !toKilled;
    const answer = await call(
      replica.baseUrl,
      op.user,
      op.method,
      op.path,
      sent,
    );
    const outcome = { ...answer, op, sent, toKilled, duringOutage };
    if (isOk(outcome) && op.kind !== 'approve') {
      const revision = answeredRelease(outcome)?.revision;
      if (revision > (known.get(op.releaseId) ?? 0)) {
        known.set(op.releaseId, revision);
      }
    }
    return outcome;
  });
  const outcomes = await runBounded(tasks, options.concurrency, finished => {
    if (crash && !crashing && finished >= crash.afterFinished) {
      killed = crash.replica;
      crashing = crash.replica.kill();
    }
  });
  await crashing;
  return outcomes;
}
