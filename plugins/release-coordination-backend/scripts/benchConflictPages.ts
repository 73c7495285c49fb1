/*
 * Reading whole months of conflicts through `GET /conflicts` pages (issue
 * 14): each month's pages are walked by their cursors, one request after the
 * other, and the walk is timed; the page paths found are what the HTTP
 * benchmark then loads, so that every page (not only the first) is measured.
 */

import { percentile } from './benchLoad';

/** How long reading a whole month of conflicts took, page after page. */
export type MonthWalk = {
  months: number;
  /** Per month: the walk's wall time in ms, sorted. */
  p50: number;
  p95: number;
  pages: { min: number; max: number };
  conflicts: { min: number; max: number };
};

async function walkMonth(
  base: string,
  firstPage: string,
  headers: Record<string, string>,
) {
  const paths: string[] = [];
  let conflicts = 0;
  let cursor: string | undefined;
  const started = process.hrtime.bigint();
  do {
    const path = cursor
      ? `${firstPage}&cursor=${encodeURIComponent(cursor)}`
      : firstPage;
    const res = await fetch(base + path, { headers });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    const page = (await res.json()) as {
      items: unknown[];
      nextCursor?: string;
    };
    paths.push(path);
    conflicts += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { paths, conflicts, ms };
}

/**
 * Walks every month's pages twice (the first walk warms up and finds the
 * pages) and reports the second: the page paths of all months and the
 * distribution of a month's walk time.
 */
export async function walkConflictMonths(
  base: string,
  firstPages: string[],
  headers: Record<string, string>,
): Promise<{ paths: string[]; walk: MonthWalk }> {
  const walks = [];
  for (const firstPage of firstPages) {
    await walkMonth(base, firstPage, headers);
    walks.push(await walkMonth(base, firstPage, headers));
  }
  const times = walks.map(w => w.ms).sort((a, b) => a - b);
  const pages = walks.map(w => w.paths.length);
  const conflicts = walks.map(w => w.conflicts);
  return {
    paths: walks.flatMap(w => w.paths),
    walk: {
      months: walks.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      pages: { min: Math.min(...pages), max: Math.max(...pages) },
      conflicts: { min: Math.min(...conflicts), max: Math.max(...conflicts) },
    },
  };
}
