import { test, expect } from '@playwright/test';

test("a system's Release impact tab lists a seeded release of one of its dependencies", async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // storefront-bff (storefront) -> checkout-service -> order-service -> payments-service,
  // whose seeded "Payments service 6.0" is ten days ahead.
  await page.goto('/catalog/default/system/storefront');
  await page
    .getByRole('listitem')
    .getByRole('link', { name: 'Release impact', exact: true })
    .click();

  const release = page.getByRole('link', { name: /Payments service 6\.0/ });
  await expect(release.first()).toBeVisible();
  await expect(page.getByTestId('risk-chip').first()).toBeVisible();
});

test("the Impact tab's graph spans its card", async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto('/catalog/default/component/checkout-service/impact');
  const graph = page.getByTestId('impact-graph');
  await expect(graph).toBeVisible();
  const card = graph.locator(
    'xpath=ancestor::div[.//*[starts-with(normalize-space(), "Blast radius graph")]][1]',
  );
  // the graph spreads its columns once it has measured its box
  await expect
    .poll(async () => {
      const [drawn, available] = await Promise.all([
        graph.boundingBox(),
        card.boundingBox(),
      ]);
      return drawn && available ? drawn.width / available.width : 0;
    })
    .toBeGreaterThanOrEqual(0.9);
});

test("a Domain's Release impact tab says for each release what changes, its state, and which of the domain's components are affected through which dependency", async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.goto('/catalog/default/domain/commerce/release-impact');
  // the seeded "Ledger double-entry migration" changes the ledger, which the
  // commerce domain's checkout-service reaches through the payments chain
  const row = page
    .getByRole('row')
    .filter({ hasText: 'Ledger double-entry migration' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('breaking: Billing API v1 removed');
  await expect(row).toContainText('approved');
  await expect(row).toContainText(
    /checkout-service\s*through ledger-service → payment-gateway → payments-service/,
  );
  await expect(row).toContainText('Payments Team');
});
