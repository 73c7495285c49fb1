/* eslint-disable no-script-url -- hostile links are the input under test */
import { test, expect, APIRequestContext, Page } from '@playwright/test';

const API = 'http://localhost:7007/api/release-coordination';

/** A Backstage token of the guest user (Alice), from the guest provider. */
async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(
    'http://localhost:7007/api/auth/guest/refresh?env=development',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBeTruthy();
  return (await res.json()).backstageIdentity.token;
}

/** Fails the test on uncaught page errors and on any image request. */
function watch(page: Page) {
  const errors: string[] = [];
  const images: string[] = [];
  page.on('pageerror', error => errors.push(error.message));
  page.on('request', req => {
    if (req.url().includes('tracker.example.com')) images.push(req.url());
  });
  return { errors, images };
}

test('hostile release text renders as text on the release page, the Releases tab and the calendar', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000); // three pages of a busy shared machine
  const marker = `e2e-${Date.now()}`;
  // right-to-left override, a long unbroken word and markup, within 200 characters
  const title = `\u202Eevil\u202C ${marker} <b>bold</b> ${'W'.repeat(120)}`;
  const description = [
    '<svg> ![i](x) text',
    '<script>alert("script")</script>',
    '<img src=x onerror=alert("img")>',
    '[click me](javascript:alert("md-link"))',
    '![tracker](https://tracker.example.com/pixel.gif)',
  ].join('\n\n');
  // nested too deeply to render as Markdown: shown as plain text
  const rollbackPlan = `<svg> ![i](x) rollback\n\n${'> '.repeat(
    3000,
  )}deep quote`;
  const start = new Date(Date.now() + 26 * 3600_000);
  const release = {
    title,
    version: '9.9.9',
    type: 'normal',
    window: {
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    },
    entityRefs: ['component:default/checkout-service'],
    description,
    rollbackPlan,
    changes: [
      { kind: 'fix', title: 'Script link', link: 'javascript:alert(1)' },
    ],
  };
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };

  // the API refuses the script link, naming the field…
  const refused = await request.post(`${API}/releases`, {
    headers,
    data: release,
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.message).toBe(
    'changes.0.link: must be an http(s) URL',
  );
  // …and accepts the hostile Markdown, which the pages must show as text
  const created = await request.post(`${API}/releases`, {
    headers,
    data: {
      ...release,
      changes: [
        {
          kind: 'fix',
          title: '<img src=x onerror=alert(1)> change',
          link: 'https://example.com/pr/1',
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  const { errors, images } = watch(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // the release page
  await page.goto(`/release-coordination/releases/${id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: new RegExp(marker) }),
  ).toContainText(title.replace(/\s+/g, ' '));
  await expect(page.getByText('<svg> text')).toBeVisible();
  await expect(page.getByText(/^<svg> !\[i\]\(x\) rollback/)).toBeVisible();
  await expect(
    page.getByText('<script>alert("script")</script>'),
  ).toBeVisible();
  await expect(
    page.getByText('<img src=x onerror=alert("img")>'),
  ).toBeVisible();
  await expect(page.getByText(/> deep quote$/)).toBeVisible();
  await expect(page.getByText('click me')).toBeVisible();
  await expect(page.locator('a[href^="javascript" i]')).toHaveCount(0);
  await expect(
    page.getByRole('link', { name: /<img src=x onerror=alert\(1\)> change/ }),
  ).toHaveAttribute('href', 'https://example.com/pr/1');
  await expect(page.getByRole('button', { name: 'Edit' })).toBeEnabled();
  // the long unbroken title wraps: no visible box holding it overflows
  const overflowing = await page.evaluate(text => {
    const holders = Array.from(document.querySelectorAll('article *')).filter(
      el =>
        el.checkVisibility({ visibilityProperty: true }) &&
        Array.from(el.childNodes).some(
          node =>
            node.nodeType === Node.TEXT_NODE &&
            node.textContent?.includes(text),
        ),
    );
    const boxes = new Set<Element>();
    for (const holder of holders) {
      const chain: Element[] = [];
      let el: Element | null = holder;
      for (; el && el.tagName !== 'ARTICLE'; el = el.parentElement) {
        // cut with an ellipsis on purpose (the theme's dense list items)
        if (getComputedStyle(el).textOverflow === 'ellipsis') break;
        if (el.clientWidth > 0) chain.push(el);
      }
      if (!el || el.tagName === 'ARTICLE') chain.forEach(box => boxes.add(box));
    }
    return Array.from(boxes)
      .filter(el => getComputedStyle(el).overflowX === 'visible')
      .filter(el => el.scrollWidth > el.clientWidth + 1)
      .map(
        el => `${el.tagName}.${el.className}: ${el.textContent?.slice(0, 60)}`,
      );
  }, 'WWWWWWWWWW');
  expect(overflowing).toEqual([]);

  // the component's Releases tab
  await page.goto('/catalog/default/component/checkout-service/releases');
  await expect(
    page.getByRole('link', { name: new RegExp(marker) }).first(),
  ).toBeVisible();

  // the calendar
  await page.goto('/release-coordination');
  // the month view folds a busy day into "+N more"; the agenda lists every release
  await page.getByRole('button', { name: 'Agenda view' }).click();
  await expect(page.getByText(new RegExp(marker)).first()).toBeVisible();

  expect(errors).toEqual([]);
  expect(images).toEqual([]);
});
