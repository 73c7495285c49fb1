import { test, expect } from '@playwright/test';

test("open a System's Metrics tab and read a chart value", async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto('/catalog/default/system/checkout/metrics');
  const frequency = page.getByTestId('metric-deploymentFrequency');
  // the demo history releases checkout parts every few weeks: a number per week
  await expect(
    frequency.getByLabel('Deployment frequency over the period'),
  ).toHaveText(/^\d+(\.\d+)? \/ week$/);
  const leadTime = page.getByTestId('metric-changeLeadTime');
  await expect(
    leadTime.getByLabel('Change lead time over the period'),
  ).toHaveText(/^\d+(\.\d+)? h$/);
  await expect(
    leadTime.getByText(/^DORA: (Elite|High|Medium|Low)$/),
  ).toBeVisible();
  // the chart itself: a value written at a point of the line
  const chart = leadTime.getByRole('img', {
    name: /Change lead time per week/,
  });
  await expect(chart).toBeVisible();
  const labels = chart.locator('.recharts-label-list text');
  await expect(labels.first()).toHaveText(/^\d+(\.\d+)?$/);

  // the same values as a table
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByText('Whole period')).toBeVisible();
});
