import { test, expect } from '@playwright/test';

test('a member of the owning group approves from the Readiness tab and the verdict changes', async ({
  page,
}) => {
  const title = 'Checkout worker queue switch'; // seeded, planned by Grace of the checkout team

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto('/catalog/default/component/checkout-worker');
  await page
    .getByRole('listitem')
    .getByRole('link', { name: 'Readiness', exact: true })
    .click();
  await page
    .getByRole('button', { name: title })
    .and(page.locator('[aria-expanded]'))
    .click();

  const row = page.locator('[data-testid^="readiness-row-"]', {
    hasText: title,
  });
  const verdict = row.getByTestId('readiness-verdict');
  await expect(verdict).toHaveText(/not ready/i);

  // Alice (the demo guest) ticks the manual checklist items…
  const manualItems = row.getByRole('checkbox');
  await expect(manualItems.first()).toBeVisible();
  const count = await manualItems.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const item = manualItems.nth(i);
    if (!(await item.isChecked())) {
      // Controlled by the server's answer: click, then wait for the refresh.
      await item.click();
      await expect(item).toBeChecked();
    }
  }
  await expect(verdict).toHaveText(/not ready/i);

  // …and approves for the checkout team: the last blocking item clears.
  await row.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Comment')
    .fill('Broker cut-over rehearsed on staging.');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(verdict).toHaveText(/^\s*ready\s*$/i);
});
