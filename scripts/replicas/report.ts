/*
 * The readable report of a run: printed, and written as the latest result to
 * plugins/release-coordination-backend/bench/REPLICAS_RESULTS.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './cluster';
import { isOk, Outcome } from './load';
import { Findings } from './verify';

export const RESULTS_FILE = path.join(
  ROOT,
  'plugins/release-coordination-backend/bench/REPLICAS_RESULTS.md',
);

/** A check and whether it held. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Everything the report shows. */
export interface RunReport {
  runId: string;
  startedAt: Date;
  seconds: number;
  startupSeconds: number[];
  /** Replicas started again because their first startup failed. */
  startupRestarts: number;
  restartSeconds: number;
  phases: { name: string; outcomes: Outcome[] }[];
  findings: Findings;
  /** Runs per global task over the whole run, and per trigger round. */
  globalRuns: Map<string, number>;
  triggerRuns: Map<string, number>;
  localTasks: string[];
  checks: Check[];
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
  );
}

function countRow(name: string, outcomes: Outcome[]) {
  const perReplica = [0, 1].map(
    r => outcomes.filter(o => o.op.replica === r).length,
  );
  const ok = outcomes.filter(isOk).length;
  const conflict = outcomes.filter(o => o.status === 409).length;
  const none = outcomes.filter(o => o.status === 0).length;
  const other = outcomes.length - ok - conflict - none;
  const ms = outcomes.filter(o => o.status !== 0).map(o => o.ms);
  return `| ${name} | ${outcomes.length} | ${perReplica.join(
    ' / ',
  )} | ${ok} | ${conflict} | ${other} | ${none} | ${percentile(
    ms,
    0.5,
  )} / ${percentile(ms, 0.95)} |`;
}

function byKind(outcomes: Outcome[]) {
  const kinds = ['edit', 'approve', 'transition', 'book'];
  return kinds.map(kind => {
    const of = outcomes.filter(o => o.op.kind === kind);
    const statuses = new Map<number, number>();
    for (const o of of)
      statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
    const list = [...statuses].sort(([a], [b]) => a - b);
    return `| ${kind} | ${of.length} | ${list
      .map(([s, n]) => `${s || 'no answer'}: ${n}`)
      .join(', ')} |`;
  });
}

/** The report as Markdown. */
export function renderReport(report: RunReport): string {
  const all = report.phases.flatMap(p => p.outcomes);
  const f = report.findings;
  const passed = report.checks.every(c => c.ok);
  const load = os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(', ');
  return [
    `# Two replicas on one PostgreSQL, with a crash`,
    '',
    `Latest run of \`yarn replicas\` (scripts/replicas): **${
      passed ? 'PASSED' : 'FAILED'
    }**.`,
    '',
    `- date: ${report.startedAt.toISOString()} (run ${report.runId}, ${
      report.seconds
    } s in all)`,
    `- machine: ${os.cpus().length} cores (${os
      .cpus()[0]
      ?.model.trim()}), ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, load average ${load} at the end; Node ${
      process.version
    }, PostgreSQL on localhost`,
    `- replicas: packages/backend started twice from source (ports 7101, 7102), ready after ${report.startupSeconds.join(
      ' s and ',
    )} s (${
      report.startupRestarts
    } restarted after a failed startup); the killed one back after ${
      report.restartSeconds
    } s`,
    '',
    '| phase | requests | to replica 1 / 2 | 2xx | 409 | other | no answer | ms p50 / p95 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.phases.map(p => countRow(p.name, p.outcomes)),
    countRow('all', all),
    '',
    '| kind | requests | statuses |',
    '| --- | --- | --- |',
    ...byKind(all),
    '',
    `Compared with the database after the restart: duplicates ${f.duplicates.length}, missing ${f.missing.length}, stored though refused ${f.phantom.length}, inconsistent ${f.inconsistent.length}.`,
    '',
    '| scheduled task | scope | runs in the whole run | runs after one trigger on both replicas |',
    '| --- | --- | --- | --- |',
    ...[...report.globalRuns.keys()]
      .sort()
      .map(
        id =>
          `| ${id} | global | ${report.globalRuns.get(id)} | ${
            report.triggerRuns.get(id) ?? 0
          } |`,
      ),
    ...report.localTasks.map(
      id => `| ${id} | local (each replica its own copy) | per replica | – |`,
    ),
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
    ...report.checks.map(
      c => `| ${c.name} | ${c.ok ? 'ok' : 'FAILED'} | ${c.detail} |`,
    ),
    '',
    ...[...f.duplicates, ...f.missing, ...f.phantom, ...f.inconsistent]
      .slice(0, 20)
      .map(line => `- ${line}`),
  ].join('\n');
}

/** Prints the report and keeps it as the latest result. */
export function writeReport(report: RunReport) {
  const text = renderReport(report);
  // eslint-disable-next-line no-console
  console.log(`\n${text}\n`);
  fs.writeFileSync(RESULTS_FILE, `${text}\n`);
}
