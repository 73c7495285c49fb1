import {
  APIRequestContext,
  Browser,
  BrowserContext,
  expect,
  Page,
  test,
} from '@playwright/test';

/** A demo user in a browser context of their own, with what went wrong there. */
export interface Visitor {
  user: string;
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught errors, failed requests and 5xx answers. */
  problems: string[];
}

/**
 * Requests the browser itself cancels: a navigation or an unmounted page
 * aborts the fetches and the signals connection it started. They are not
 * failures of the portal; every other failed request is.
 */
const isAbortedByBrowser = (failure: string | undefined) =>
  failure === 'net::ERR_ABORTED';

/**
 * React's development-build deprecation warnings about libraries the portal
 * renders with (Material UI v4 calls findDOMNode; the Backstage Table's
 * material-table and react-beautiful-dnd use defaultProps). `yarn start`
 * serves the development build, the production build prints none; they say
 * nothing about the portal working. Every other console error fails the journey.
 */
const LIBRARY_DEPRECATIONS = [
  /^Warning: findDOMNode is deprecated/,
  /^Warning: %s: Support for defaultProps will be removed/,
];

/** Records in `problems` everything in `context` that the journey did not expect. */
function watch(user: string, context: BrowserContext, problems: string[]) {
  context.on('console', message => {
    const text = message.text();
    if (
      message.type() === 'error' &&
      !LIBRARY_DEPRECATIONS.some(pattern => pattern.test(text))
    ) {
      problems.push(`${user}: console error: ${text}`);
    }
  });
  context.on('weberror', error =>
    problems.push(`${user}: uncaught: ${error.error().message}`),
  );
  context.on('requestfailed', request => {
    const failure = request.failure()?.errorText;
    if (!isAbortedByBrowser(failure)) {
      problems.push(
        `${user}: ${request.method()} ${request.url()}: ${failure}`,
      );
    }
  });
  context.on('response', response => {
    if (response.status() >= 500) {
      problems.push(
        `${user}: ${response
          .request()
          .method()} ${response.url()}: ${response.status()}`,
      );
    }
  });
}

/**
 * Opens the portal in a new browser context and signs in through the demo
 * sign-in page as `user` (a name of examples/org.yaml).
 */
export async function signInAs(
  browser: Browser,
  user: string,
): Promise<Visitor> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1400, height: 1000 },
  });
  const problems: string[] = [];
  watch(user, context, problems);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${user}` }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  return { user, context, page, problems };
}

/** Fails on anything unexpected any visitor met, then closes their contexts. */
export async function leave(...visitors: Visitor[]) {
  const problems = visitors.flatMap(visitor => visitor.problems);
  await Promise.all(visitors.map(visitor => visitor.context.close()));
  expect(problems).toEqual([]);
}

/** Opens a tab (a link in the entity page's tab list) of an entity page. */
export async function openEntityTab(
  page: Page,
  entityPath: string,
  tab: string,
) {
  await page.goto(`/catalog/default/${entityPath}`);
  await page
    .getByRole('listitem')
    .getByRole('link', { name: tab, exact: true })
    .click();
}

/**
 * Saves what `page` shows as the journey's screenshot, attached to the test's
 * results: into docs/screenshots (shown by the README) when
 * `JOURNEY_SCREENSHOTS=1`, else into the test's output folder.
 */
export async function saveScreenshot(page: Page, name: string) {
  const info = test.info();
  const file =
    process.env.JOURNEY_SCREENSHOTS === '1'
      ? `${__dirname}/../../../docs/screenshots/${name}.png`
      : info.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

/** A Backstage token of a demo user, from the backend's demo provider. */
export async function demoToken(
  request: APIRequestContext,
  user: string,
): Promise<string> {
  const res = await request.get('http://localhost:7007/api/auth/demo/refresh', {
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      'x-demo-user': `user:default/${user}`,
    },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}
