import { test, expect } from '@playwright/test';

test('signs in as the demo guest and shows the catalog', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(page.getByText('checkout-service')).toBeVisible();
});
