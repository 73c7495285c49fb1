import { expect, test } from '@playwright/test';
import { leave, saveScreenshot, signInAs } from './journeyHelpers';

// The search module indexes release plans 30 s after the backend starts and
// then every 10 minutes; the first index may still be on its way.
test.setTimeout(240_000);

test('the search bar finds release plans, never drafts, and opens them', async ({
  browser,
}) => {
  const alice = await signInAs(browser, 'alice');
  const { page } = alice;
  const results = page.getByTestId('release-search-result');

  // "checkout release" finds the checkout releases (once the index has them)
  await expect(async () => {
    await page.goto('/search?query=checkout%20release');
    await expect(results.first()).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });
  const checkout = results.filter({
    has: page.getByRole('link', { name: 'Checkout 3.14', exact: true }),
  });
  await expect(checkout).toHaveCount(1);
  // in words: state, type, owner, and the window in the reader's zone
  await expect(checkout).toContainText('verified');
  await expect(checkout).toContainText('owned by checkout-team');
  await expect(checkout).not.toContainText('component:default');

  // the Releases result type narrows the page to release plans
  await page.getByRole('button', { name: /Releases/ }).click();
  await expect(results.first()).toBeVisible();
  await expect(page.getByText('Kind: Component')).toHaveCount(0);
  await saveScreenshot(page, 'search-release-results');

  // a draft is its owners' own: not even its owner finds it in search
  await page.goto('/search?query=retention');
  await expect(
    page.getByText(/results? for|no results/i).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'User profile data retention' }),
  ).toHaveCount(0);

  // a result opens the release page
  await page.goto('/search?query=checkout%20release');
  await checkout.getByRole('link', { name: 'Checkout 3.14' }).click();
  await expect(page).toHaveURL(/\/release-coordination\/releases\//);
  await expect(
    page.getByRole('heading', { name: /Checkout 3\.14/ }).first(),
  ).toBeVisible();
  await leave(alice);
});
