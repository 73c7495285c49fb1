import { test, expect } from '@playwright/test';

/** `YYYY-MM-DDTHH:mm` of the next Saturday at the given UTC hour, for datetime-local inputs. */
function nextSaturdayAt(hour: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + ((6 - date.getUTCDay() + 7) % 7 || 7));
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString().slice(0, 16);
}

test('a release planned inside the weekend freeze shows the blocking conflict and suggested slots', async ({
  page,
}) => {
  const title = `Cart weekend e2e ${Date.now()}`;

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await page.getByRole('link', { name: 'cart-service' }).click();
  await page
    .getByRole('listitem')
    .getByRole('link', { name: 'Releases', exact: true })
    .click();

  await page.getByRole('button', { name: 'Create release' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Version').fill('1.10.0');
  // The seeded "Weekend freeze" covers every Saturday (scope: everything).
  await dialog.getByLabel('Start').fill(nextSaturdayAt(10));
  await dialog.getByLabel('End').fill(nextSaturdayAt(12));
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByText('Conflicts', { exact: true })).toBeVisible();
  await expect(page.getByText(/Weekend freeze/).first()).toBeVisible();
  await expect(page.getByText('Suggested slots')).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Move here' }).first(),
  ).toBeVisible();
});
