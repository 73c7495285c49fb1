import { test, expect } from '@playwright/test';

/** "Checkout service 3.15", seeded released with a two-step rollback plan, owned by Alice's checkout team. */
const RELEASE_ID = '00000000-0000-4000-b000-000000000004';

test('the owners roll a released release back step by step and create its follow-up hotfix', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto(`/release-coordination/releases/${RELEASE_ID}`);
  await expect(page.getByTestId('release-state').first()).toHaveText(
    /released/i,
  );

  // Alice (the demo guest) decides the rollback: the reason is checked first
  await page.getByRole('button', { name: 'Decide rollback' }).click();
  await expect(page.getByText('reason: must not be blank')).toBeVisible();
  await page.getByLabel(/Reason/).fill('Express checkout charges twice');
  await page.getByLabel(/issues/).fill('e2e-issue-1');
  await page.getByRole('button', { name: 'Decide rollback' }).click();

  await expect(page.getByTestId('release-state').first()).toHaveText(
    /rolling back/i,
  );
  await expect(page.getByText('0 of 2 step(s) done')).toBeVisible();
  await page.getByLabel('Status of step 1').selectOption('done');
  await expect(page.getByText('1 of 2 step(s) done')).toBeVisible();
  await page.getByLabel('Status of step 2').selectOption('done');

  await expect(page.getByTestId('release-state').first()).toHaveText(
    /rolled back/i,
  );
  await expect(page.getByText('2 of 2 step(s) done')).toBeVisible();

  await page.getByRole('button', { name: 'Create follow-up hotfix' }).click();
  const hotfix = page.getByRole('link', {
    name: 'Hotfix for Checkout service 3.15 3.15.0-hotfix (draft)',
  });
  await expect(hotfix).toBeVisible();
  await hotfix.click();

  await expect(
    page.getByRole('heading', { name: /Hotfix for Checkout service 3\.15/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', {
      name: 'Checkout service 3.15 3.15.0 (rolled back)',
    }),
  ).toBeVisible();
});
