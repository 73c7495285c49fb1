import { test, expect } from '@playwright/test';

/** `YYYY-MM-DDTHH:mm` of a datetime-local input, `days` from now at `hour`:00 local time. */
function localDateTime(days: number, hour: number) {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setHours(hour, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(hour)}:00`;
}

// the scaffolder's pages are compiled on first visit by the dev server: give
// each action more time than the suite's default
test.use({ actionTimeout: 60_000 });

test('the "Plan a release" template plans a release as the signed-in user', async ({
  page,
}) => {
  const title = `Cart 5.1 scaffolded ${Date.now()}`;

  // a scaffolder run has several steps and pages: more time than one page
  test.slow();
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create', exact: true })
    .click();

  // the demo portal lists the template; its card is the nearest ancestor of
  // its title that holds a Choose button
  await page
    .getByRole('heading', { name: 'Plan a release for this component' })
    .locator('xpath=ancestor::div[.//button[normalize-space()="Choose"]][1]')
    .getByRole('button', { name: 'Choose' })
    .click();

  const component = page.getByRole('textbox', { name: 'Component' });
  await component.click();
  await component.fill('cart-service');
  await page.getByRole('option', { name: /cart.service/i }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Version').fill('5.1.0');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByLabel('Window start').fill(localDateTime(40, 9));
  await page.getByLabel('Window end').fill(localDateTime(40, 11));
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page.getByRole('link', { name: 'Open the release' });
  await expect(open).toBeVisible({ timeout: 60_000 });
  // the output link is the release page (app.baseUrl first); it opens in a
  // new tab, so follow it here
  const href = await open.getAttribute('href');
  expect(href).toMatch(/\/release-coordination\/releases\/[0-9a-f-]{36}$/);
  await page.goto(href!);

  await expect(
    page.getByRole('heading', { name: new RegExp(title) }),
  ).toBeVisible();
  await expect(page.getByTestId('release-state')).toHaveText(/draft/i);
  await expect(
    page.getByRole('link', { name: 'cart-service' }).first(),
  ).toBeVisible();
});
