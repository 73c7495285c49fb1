import { test, expect } from '@playwright/test';

test('an engineer plans a release from a component page', async ({ page }) => {
  const title = `Checkout 3.0 e2e ${Date.now()}`;

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await page.getByRole('link', { name: 'checkout-service' }).click();
  // Entity page tabs are links inside a list; the sidebar has a "Releases" link too.
  await page
    .getByRole('listitem')
    .getByRole('link', { name: 'Releases', exact: true })
    .click();

  await page.getByRole('button', { name: 'Create release' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Version').fill('3.0.0');
  await dialog.getByLabel('Description').fill('Faster **checkout**.');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();

  const link = page.getByRole('link', { name: title });
  await expect(link).toBeVisible();
  await link.click();

  await expect(
    page.getByRole('heading', { name: new RegExp(title) }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'checkout-service' }).first(),
  ).toBeVisible();
  await expect(page.getByTestId('release-state')).toHaveText(/draft/i);
  await page.getByRole('button', { name: 'Move to planned' }).click();

  await expect(page.getByTestId('release-state')).toHaveText(/planned/i);
  await expect(page.getByText(/moved it to planned/i)).toBeVisible();
});
