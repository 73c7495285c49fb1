import { test, expect } from '@playwright/test';

test('the home page shows seeded releases in the release calendar widget', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // Seeded demo plans: one in progress now, one three days ahead.
  await expect(page.getByText('Release calendar').first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Ledger double-entry migration/ }),
  ).toBeVisible();
  await page
    .getByRole('link', { name: /Storefront BFF 4\.2/ })
    .first()
    .click();
  await expect(page.getByTestId('release-state')).toHaveText(/in progress/i);
});
