import { test, expect } from '@playwright/test';

/** "Checkout worker 1.6", seeded in progress with a two-step rollback plan, owned by Alice's checkout team. */
const RELEASE_ID = '00000000-0000-4000-b000-000000000004';
const ISSUE = 'Order events reach the warehouse twice';

test('the owners release a demo release, record a sev1 issue, roll back step by step and create the follow-up hotfix', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // Alice (the demo guest) releases it
  await page.goto(`/release-coordination/releases/${RELEASE_ID}`);
  const state = page.getByTestId('release-state').first();
  await expect(state).toHaveText(/in progress/i);
  await page.getByRole('button', { name: 'Move to released' }).click();
  await expect(state).toHaveText(/released/i);

  // …finds a sev1 problem and records it
  await page.getByRole('button', { name: 'Record an issue' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(ISSUE);
  await dialog.getByLabel('Severity').click();
  await page.getByRole('option', { name: 'sev1' }).click();
  await dialog.getByRole('button', { name: 'Record' }).click();
  await expect(
    page
      .getByRole('list', { name: 'Issues' })
      .getByText(ISSUE, { exact: true }),
  ).toBeVisible();
  // readiness turns red and suggests deciding on a rollback
  await expect(
    page.getByText('Consider a rollback decision', { exact: true }),
  ).toBeVisible();

  // …decides the rollback, naming the issue: the reason is checked first
  await page.getByRole('button', { name: 'Decide rollback' }).click();
  await expect(page.getByText('reason: must not be blank')).toBeVisible();
  await page.getByLabel(/Reason/).fill('Duplicate warehouse orders');
  await page.getByLabel(`Issue sev1 (open): ${ISSUE}`).check();
  await page.getByRole('button', { name: 'Decide rollback' }).click();

  await expect(state).toHaveText(/rolling back/i);
  await expect(page.getByText('0 of 2 step(s) done')).toBeVisible();
  await page.getByLabel('Status of step 1').selectOption('done');
  await expect(page.getByText('1 of 2 step(s) done')).toBeVisible();
  await page.getByLabel('Status of step 2').selectOption('done');
  await expect(state).toHaveText(/rolled back/i);
  await expect(page.getByText('2 of 2 step(s) done')).toBeVisible();

  // …and creates the follow-up hotfix, linked both ways
  await page.getByRole('button', { name: 'Create follow-up hotfix' }).click();
  const hotfix = page.getByRole('link', {
    name: 'Hotfix for Checkout worker 1.6 1.6.0-hotfix (draft)',
  });
  await expect(hotfix).toBeVisible();
  await hotfix.click();
  await expect(
    page.getByRole('heading', { name: /Hotfix for Checkout worker 1\.6/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Checkout worker 1.6 1.6.0 (rolled back)' }),
  ).toBeVisible();

  // the timeline shows the hotfix with the release it follows up
  await page.goto('/release-coordination?tab=timeline');
  await expect(
    page
      .getByTestId('timeline-hotfix-link')
      .filter({ hasText: 'follow-up hotfix of Checkout worker 1.6' }),
  ).toBeVisible();

  // the issue is on the portal-wide Open issues tab too
  await page.goto('/release-coordination?tab=issues');
  await expect(page.getByText(ISSUE)).toBeVisible();
});
