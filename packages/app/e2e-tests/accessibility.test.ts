import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { saveScreenshot } from './journeyHelpers';
import { PLUGIN_VIEWS, RELEASE_IN_PROGRESS } from './pluginViews';

/** The WCAG 2.1 A and AA rules of axe-core: what the pages must pass. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Backstage's sidebar, left out of every scan: its Notifications item is
 * labelled "Notifications" while it shows the unread count as well
 * (label-content-name-mismatch). It belongs to Backstage's core components,
 * not to these plugins, and is the same on every page of any Backstage app.
 */
const BACKSTAGE_SIDEBAR = 'nav[aria-label="sidebar nav"]';

/** The zone the pages are read in: not UTC, so that times left in UTC show. */
const READER_ZONE = 'Europe/Berlin';

/**
 * What people must never have to read on these pages: entity refs
 * (`group:default/x` instead of the name), ISO UTC timestamps, times the
 * server words in UTC ("Sat Dec 12, 09:00–11:00 UTC") instead of the reader's
 * zone, UUIDs, endpoint paths (`POST /releases/…`) and raw JSON (`{"state":…`).
 */
const RAW_VALUES: RegExp[] = [
  /\b(component|api|resource|system|domain|group|user|template):[\w.-]+\/[\w.-]+/gi,
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g,
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} \d{1,2}, \d\d:\d\d[^\n]*? UTC\b/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b(GET|POST|PUT|PATCH|DELETE) \/\w/g,
  /\/api\/release-coordination\b/g,
  /[{[]\s*"\w+"\s*:/g,
];

/** The lines of the page (the app has no main landmark) that show a raw value. */
async function rawLines(page: Page): Promise<string[]> {
  // Backstage's entity link tooltips show the full ref while hovered.
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  const text = await page.locator('body').innerText();
  return text
    .split('\n')
    .filter(line => RAW_VALUES.some(pattern => line.search(pattern) >= 0));
}

/**
 * Messages the page shows more than once: alerts, snackbars and the words
 * that controls name with `aria-describedby` (why one is disabled; not a
 * field's own hint), each counted once per distinct element; answers each
 * repeated text.
 */
async function repeatedMessages(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const described = Array.from(
      document.querySelectorAll<HTMLElement>('[aria-describedby]'),
    ).flatMap(control =>
      (control.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map(id => (id ? document.getElementById(id) : null)),
    );
    const messages = new Set<HTMLElement>([
      ...Array.from(
        document.querySelectorAll<HTMLElement>(
          '[role="alert"], .MuiAlert-message, .MuiSnackbarContent-message',
        ),
      ),
      // a field's hint or error stands under each field it belongs to
      ...described.filter(
        (el): el is HTMLElement =>
          el !== null && !el.classList.contains('MuiFormHelperText-root'),
      ),
    ]);
    const seen = new Map<string, number>();
    for (const el of messages) {
      // an alert or snackbar and the message inside it are one message
      if ([...messages].some(other => other !== el && el.contains(other))) {
        continue;
      }
      if (!el.offsetParent) continue;
      const text = el.innerText.replace(/\s+/g, ' ').trim();
      if (text) seen.set(text, (seen.get(text) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([text]) => text);
  });
}

/**
 * Table cells squeezed so narrow that a word breaks across lines ("mob / ile-
 * / bff"): a word of the cell's text whose rendered box takes more than one
 * line. Answers each as `cell text: word`.
 */
async function squeezedCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const cell of Array.from(
      document.querySelectorAll<HTMLElement>('td, th'),
    )) {
      if (!cell.offsetParent) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        // a hyphen is where a line may break: the parts between count
        for (const match of text.matchAll(/[^\s-]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set(
            Array.from(range.getClientRects()).map(r => Math.round(r.top)),
          );
          if (lines.size > 1) {
            found.push(`${cell.innerText.replace(/\s+/g, ' ')}: ${match[0]}`);
          }
        }
      }
    }
    return found;
  });
}

/**
 * Resolves once `page` has had no request open for half a second and shows no
 * loading bar: the data of the page has arrived and is on screen.
 */
function quietWatcher(page: Page) {
  let open = 0;
  let lastChange = Date.now();
  const opened = () => {
    open += 1;
    lastChange = Date.now();
  };
  const closed = () => {
    open -= 1;
    lastChange = Date.now();
  };
  page.on('request', opened);
  page.on('requestfinished', closed);
  page.on('requestfailed', closed);
  return async () => {
    await expect
      .poll(() => open <= 0 && Date.now() - lastChange > 500, {
        timeout: 30_000,
      })
      .toBe(true);
    // Loading bars are indeterminate; determinate ones (rollback steps done)
    // are content.
    await expect(
      page.locator('[role="progressbar"]:not([aria-valuenow])'),
    ).toHaveCount(0);
  };
}

/**
 * Moves to `path` the way the app's own links do (history and popstate, as
 * React Router listens), without reloading the development bundle.
 */
async function navigateInApp(page: Page, path: string) {
  await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL(path);
}

/** The violations in a few readable lines: rule, impact, elements, why. */
function describe(
  violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations'],
) {
  return violations
    .map(
      violation =>
        `${violation.id} (${violation.impact}): ${
          violation.help
        }\n${violation.nodes
          .map(
            node =>
              `  ${node.target.join(' ')}\n    ${(node.failureSummary ?? '')
                .split('\n')
                .slice(1, 2)
                .join(' ')}`,
          )
          .join('\n')}`,
    )
    .join('\n');
}

/**
 * The app's themes, as Backstage stores a user's choice (`localStorage.theme`):
 * every view must pass in both. Plain words, columns and screenshots depend
 * on no theme and are checked in the light one.
 */
const THEMES = ['light', 'dark'] as const;

for (const theme of THEMES) {
  const light = theme === 'light';
  test.describe(`accessibility (axe-core, WCAG 2.1 AA), ${theme} theme${
    light ? ', and plain language' : ''
  }`, () => {
    // One signed-in page for every scan: the pages are read, never changed.
    test.describe.configure({ mode: 'serial' });
    const session = {} as { page: Page; quiet: () => Promise<void> };

    test.beforeAll(async ({ browser }) => {
      const context = await browser.newContext({
        baseURL: test.info().project.use.baseURL,
        timezoneId: READER_ZONE,
      });
      await context.addInitScript(
        chosen => window.localStorage.setItem('theme', chosen),
        theme,
      );
      const page = await context.newPage();
      session.page = page;
      session.quiet = quietWatcher(page);
      await page.goto('/');
      await page.getByRole('button', { name: 'Enter' }).click();
      await expect(page.getByTestId('release-calendar-widget')).toBeVisible();
    });

    test.afterAll(async () => session.page.context().close());

    test('the home page widgets have no violations', async () => {
      const { page, quiet } = session;
      await quiet();
      // Only the plugins' widgets: the home page's other cards (World Clocks,
      // Toolkit) are Backstage's and fail rules of their own.
      const { violations } = await new AxeBuilder({ page })
        .withTags(WCAG_21_AA)
        .include('[data-testid="release-calendar-widget"]')
        .include('[data-testid="approval-inbox-widget"]')
        .analyze();
      expect(violations, describe(violations)).toEqual([]);
    });

    test('the planning and sharing dialogs have no violations', async () => {
      const { page, quiet } = session;
      const opened = async (path: string, button: string) => {
        await navigateInApp(page, path);
        await quiet();
        await page.getByRole('button', { name: button, exact: true }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog).toBeVisible();
        await quiet();
        const { violations } = await new AxeBuilder({ page })
          .withTags(WCAG_21_AA)
          .include('[role="dialog"]')
          .analyze();
        expect(violations, `${button}: ${describe(violations)}`).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      };
      await opened('/release-coordination', 'Create release');
      await opened(
        `/release-coordination/releases/${RELEASE_IN_PROGRESS}`,
        'Edit',
      );
      await opened(
        '/catalog/default/system/storefront/release-impact',
        'Release notes feed',
      );
    });

    for (const { name, path, screenshot, screenshotAt } of PLUGIN_VIEWS) {
      test(`${name} has no violations${
        light
          ? ', reads in plain words, says each message once and squeezes no column'
          : ''
      }`, async () => {
        const { page, quiet } = session;
        await navigateInApp(page, path);
        await quiet();
        const { violations } = await new AxeBuilder({ page })
          .withTags(WCAG_21_AA)
          .exclude(BACKSTAGE_SIDEBAR)
          .analyze();
        expect(violations, describe(violations)).toEqual([]);
        if (!light) return;
        expect(await rawLines(page)).toEqual([]);
        expect(await repeatedMessages(page)).toEqual([]);
        expect(await squeezedCells(page)).toEqual([]);
        if (screenshotAt) {
          await page.getByText(screenshotAt).last().scrollIntoViewIfNeeded();
        }
        if (screenshot) await saveScreenshot(page, screenshot);
      });
    }
  });
}
