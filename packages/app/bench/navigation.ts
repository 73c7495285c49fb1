/*
 * How long after an in-app navigation each view of the plugins shows its
 * data, in Chromium, against the production build the backend serves
 * (scripts/bench-navigation.sh starts it). A view has shown its data when no
 * request it started is open and no loading bar is on screen, as seen by a
 * check that runs on the page's thread after it rendered; the time is from the
 * navigation to that check. Writes packages/app/bench/NAVIGATION_RESULTS.md.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs packages/app/bench/navigation.ts
 *     [--runs 7] [--screenshots <dir>]
 */
/* eslint-disable no-console */
import { chromium, Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLUGIN_VIEWS } from '../e2e-tests/pluginViews';
import { SCALE_HUB, scaleDependents } from './scaleCatalog';

const BASE = process.env.BENCH_BASE_URL ?? 'http://localhost:7007';
const runsAt = process.argv.indexOf('--runs');
const RUNS = Number(runsAt >= 0 ? process.argv[runsAt + 1] : 7);
const TARGET_MS = 1000;
/** A folder for a screenshot of each view as timed (`--screenshots <dir>`). */
const shotsAt = process.argv.indexOf('--screenshots');
const SHOTS = shotsAt >= 0 ? process.argv[shotsAt + 1] : undefined;
/** How long a view must stay quiet to count as done (not part of the time). */
const QUIET_MS = 300;

/** Counts the page's open requests; `lastChange` is when the count last moved. */
function requestTracker(page: Page) {
  const state = { open: 0, lastChange: Date.now() };
  const change = (delta: number) => () => {
    state.open += delta;
    state.lastChange = Date.now();
  };
  page.on('request', change(1));
  page.on('requestfinished', change(-1));
  page.on('requestfailed', change(-1));
  return state;
}

/** Moves to `target` as the app's own links do, and times until its data shows. */
async function timeNavigation(
  page: Page,
  requests: { open: number; lastChange: number },
  target: string,
): Promise<number> {
  const start = Date.now();
  requests.lastChange = start;
  await page.evaluate(to => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, target);
  let doneAt = 0;
  for (;;) {
    const loading = await page
      .locator('[role="progressbar"]:not([aria-valuenow])')
      .count();
    const now = Date.now();
    if (loading === 0 && requests.open <= 0) {
      // the moment the page answered this check: after the last response
      // and the rendering it caused (the check waits for the page's thread)
      doneAt = doneAt || now;
      if (now - doneAt >= QUIET_MS) return doneAt - start;
    } else {
      doneAt = 0;
    }
    if (now - start > 30_000) throw new Error(`${target}: still loading`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** The Impact tab of the component that 500 others reach (scaleCatalog.ts). */
const SCALE_VIEW = {
  name: 'component Impact tab, 500 dependents',
  path: `/catalog/default/component/${SCALE_HUB}/impact`,
};

/**
 * Waits until the plugin's catalog graph holds all 500 dependents of the hub:
 * the catalog ingests the file after the graph's first build, so this asks
 * for the impact of the dependents in pages of 100, which makes the graph
 * re-read the catalog (at most every 30 s) while some are unknown to it.
 * Answers how many dependents the hub's impact lists.
 */
async function waitForScaleGraph(page: Page): Promise<number> {
  const refresh = await page.request.get(
    `${BASE}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  const token = (await refresh.json()).backstageIdentity.token;
  const impact = async (entityRefs: string[]) => {
    const response = await page.request.post(
      `${BASE}/api/release-coordination/impact`,
      { headers: { authorization: `Bearer ${token}` }, data: { entityRefs } },
    );
    return (await response.json()) as { dependents?: unknown[] };
  };
  const dependents = scaleDependents();
  const deadline = Date.now() + 8 * 60_000;
  for (;;) {
    const count = (await impact([`component:default/${SCALE_HUB}`])).dependents
      ?.length;
    if ((count ?? 0) >= dependents.length || Date.now() > deadline) {
      return count ?? 0;
    }
    for (let i = 0; i < dependents.length; i += 100) {
      await impact(dependents.slice(i, i + 100));
    }
    await new Promise(resolve => setTimeout(resolve, 5_000));
  }
}

/**
 * How long the drawn graph takes to answer a pointer: from a `mouseover` on
 * a node to the next frame after the path highlight. Answers the times of
 * `count` nodes spread over the graph and how many nodes are drawn.
 */
async function timeHighlights(page: Page, count: number) {
  return page.evaluate(async samples => {
    const graph = document.querySelector('[data-testid="impact-graph"]')!;
    const nodes = Array.from(graph.querySelectorAll('[data-node]'));
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const node = nodes[Math.floor((i * nodes.length) / samples)];
      const before = graph.getAttribute('class');
      const start = performance.now();
      node.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      await new Promise(resolve =>
        requestAnimationFrame(() => setTimeout(resolve, 0)),
      );
      times.push(performance.now() - start);
      if (graph.getAttribute('class') === before && i === 0) {
        throw new Error('hovering a node did not highlight its path');
      }
      graph.dispatchEvent(new MouseEvent('mouseleave'));
      await new Promise(resolve => requestAnimationFrame(resolve));
    }
    return { times, drawn: nodes.length };
  }, count);
}

/** Times the impact graph at scale: its time to data and its highlight. */
async function timeScaleGraph(
  page: Page,
  requests: { open: number; lastChange: number },
) {
  const dependents = await waitForScaleGraph(page);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await timeNavigation(page, requests, '/catalog');
    times.push(await timeNavigation(page, requests, SCALE_VIEW.path));
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const { times: highlightTimes, drawn } = await timeHighlights(page, 40);
  const highlights = highlightTimes
    .map(time => Math.round(time))
    .sort((a, b) => a - b);
  console.log(SCALE_VIEW.name, { first, p50, p95, dependents, drawn });
  return {
    p95,
    dependents,
    drawn,
    highlights,
    row: `| ${SCALE_VIEW.name} | ${first} | ${p50} | ${p95} | ${
      p95 <= TARGET_MS ? 'met' : '**missed**'
    } |`,
  };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  await page.goto(BASE);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByTestId('release-calendar-widget').waitFor();
  const requests = requestTracker(page);
  const loadBefore = os.loadavg()[0];
  const rows: string[] = [];
  let slowest = 0;
  for (const view of PLUGIN_VIEWS) {
    const times: number[] = [];
    // the first visit loads the view's code as well: counted, as a user meets it
    for (let run = 0; run < RUNS; run++) {
      await timeNavigation(page, requests, '/catalog');
      times.push(await timeNavigation(page, requests, view.path));
    }
    if (SHOTS) {
      await page.screenshot({
        path: path.join(SHOTS, `${view.name.replace(/\W+/g, '-')}.png`),
      });
    }
    const first = times[0];
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    slowest = Math.max(slowest, p95);
    console.log(view.name, { first, p50, p95 });
    rows.push(
      `| ${view.name} | ${first} | ${p50} | ${p95} | ${
        p95 <= TARGET_MS ? 'met' : '**missed**'
      } |`,
    );
  }
  const scale = await timeScaleGraph(page, requests);
  slowest = Math.max(slowest, scale.p95);
  rows.push(scale.row);
  await browser.close();
  const out = [
    '# Time to data after navigation (production build)',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus().length} cores, ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, Node ${process.version}; load average (1 min) ${loadBefore.toFixed(
      2,
    )} before, ${os.loadavg()[0].toFixed(2)} after`,
    `- Portal: \`yarn workspace app build\`, served by the backend (\`@backstage/plugin-app-backend\`) at ${BASE}, demo catalog and demo data on SQLite, signed in as the guest (Alice); Chromium ${
      process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
    }, 1400×1000`,
    `- Each view ${RUNS} times, reached from the catalog page by the app's own navigation (no reload); done when a check on the page's thread, after it rendered, finds no request it started open and no loading bar (held for ${QUIET_MS} ms, not counted)`,
    '- Run: `scripts/bench-navigation.sh`',
    '',
    `| View | first visit ms | p50 ms | p95 ms | ≤ ${TARGET_MS} ms |`,
    '| --- | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    `Slowest p95: ${slowest} ms.`,
    '',
    '## The impact graph at 500 dependents',
    '',
    `The Impact tab of \`${SCALE_HUB}\`, which 500 components reach (20 direct dependents with 24 each; \`packages/app/bench/scaleCatalog.ts\` writes them into the catalog): the plugin's impact lists ${
      scale.dependents
    } dependents and the graph draws ${
      scale.drawn
    } nodes (the System, owners and dependents). Row above: time to data. Pointing at a node highlights its path to the change; from the pointer event to the next frame, over ${
      scale.highlights.length
    } nodes spread across the graph: p50 ${percentile(
      scale.highlights,
      50,
    )} ms, p95 ${percentile(scale.highlights, 95)} ms.`,
    '',
  ].join('\n');
  const file = path.join(__dirname, 'NAVIGATION_RESULTS.md');
  fs.writeFileSync(file, out);
  console.log(`written to ${file}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
