import { test, expect } from '@playwright/test';

// "Checkout 3.15", seeded released with two open success criteria of
// checkout-team, the team of Alice (the demo guest)
const RELEASE =
  '/release-coordination/releases/00000000-0000-4000-a000-000000000101';

test('a released demo release is verified against its success criteria', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await page.goto(RELEASE);
  await expect(page.getByTestId('release-state')).toHaveText(/released/i);

  // before the results: Verify is disabled, naming the open criteria (the
  // server's 409 for the same attempt is proven by the route tests)
  const verify = page.getByRole('button', { name: 'Verify release' });
  await expect(verify).toBeDisabled();
  await expect(page.getByTestId('verify-disabled-reason')).toContainText(
    '"Checkout error rate below 0.5 % for two hours" (open',
  );
  await expect(
    page.getByRole('button', { name: 'Move to verified' }),
  ).toHaveCount(0);

  const criteria = page.getByTestId('success-criterion');
  await expect(criteria).toHaveCount(2);
  await expect(criteria.first()).toContainText('Checker http proposes met');

  // Alice records the error rate as met (the checker's value prefilled)…
  await criteria.first().getByRole('button', { name: 'Record result' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Met', { exact: true }).check();
  await expect(dialog.getByLabel('Observed value')).toHaveValue('0.21');
  await dialog
    .getByLabel('Evidence link')
    .fill('https://grafana.example.com/d/checkout-errors');
  await dialog.getByRole('button', { name: 'Record' }).click();
  await expect(dialog).toBeHidden();
  await expect(criteria.first()).toContainText('Met by alice');

  // …and waives the second, which needs a reason
  await criteria.nth(1).getByRole('button', { name: 'Record result' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Waived').check();
  await dialog.getByRole('button', { name: 'Record' }).click();
  await expect(dialog.getByText('a waiver needs a reason')).toBeVisible();
  await dialog
    .getByLabel(/Why it is waived/)
    .fill('Too few declined payments in the window to measure');
  await dialog.getByRole('button', { name: 'Record' }).click();
  await expect(dialog).toBeHidden();

  await expect(verify).toBeEnabled();
  await verify.click();
  await expect(page.getByTestId('release-state')).toHaveText(/verified/i);
});
