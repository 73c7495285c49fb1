import { test, expect } from '@playwright/test';
import {
  demoToken,
  leave,
  openEntityTab,
  saveScreenshot,
  signInAs,
} from './journeyHelpers';

const API = 'http://localhost:7007/api/release-coordination';

/** `YYYY-MM-DDTHH:mm` of the next Saturday at the given UTC hour, for datetime-local inputs. */
function nextSaturdayAt(hour: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + ((6 - date.getUTCDay() + 7) % 7 || 7));
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString().slice(0, 16);
}

test('journeys 1 and 2: an engineer plans a release out of a freeze; the owner of a dependent approves it and her open page updates live', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const title = `Checkout API v2 ${Date.now()}`;

  // 1. Alice, engineer of the checkout team, sees what is coming on the home calendar…
  const alice = await signInAs(browser, 'alice');
  const page = alice.page;
  await expect(page.getByText('Release calendar').first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Checkout worker queue switch/ }).first(),
  ).toBeVisible();

  // …and on her service's Releases tab, where she plans a breaking release
  // inside the weekend freeze (it covers every Saturday).
  await openEntityTab(page, 'component/checkout-service', 'Releases');
  await page.getByRole('button', { name: 'Create release' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Version').fill('2.0.0');
  await dialog.getByLabel('Start').fill(nextSaturdayAt(10));
  await dialog.getByLabel('End').fill(nextSaturdayAt(12));
  await dialog.getByLabel('Description').fill('Checkout API **v2**.');
  await dialog
    .getByLabel('Rollback plan')
    .fill('Redeploy checkout-service 1.x; v1 clients keep working on it.');
  await dialog.getByRole('button', { name: 'Add change' }).click();
  await dialog.getByLabel('Kind').selectOption('breaking');
  await dialog.getByLabel('Summary').fill('Checkout API v1 removed');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: title }).first().click();
  const conflict = page.getByTestId('release-conflict');
  await expect(conflict.filter({ hasText: 'Weekend freeze' })).toBeVisible();

  // The scheduling assistant's first suggested slot moves it out of the freeze.
  await page
    .getByRole('button', { name: /^Move here/ })
    .first()
    .click();
  await expect(conflict).toHaveCount(0);
  await page.getByRole('button', { name: 'Move to planned' }).click();
  await expect(page.getByTestId('release-state')).toHaveText(/planned/i);
  await saveScreenshot(page, 'journey-1-engineer-plans');

  // She ticks her checklist and reviews the risk of the breaking change.
  const checklist = page.getByRole('list', { name: 'Checklist' });
  const manualItems = checklist.getByRole('checkbox');
  await expect(manualItems.first()).toBeVisible();
  for (const item of await manualItems.all()) {
    await item.click();
    await expect(item).toBeChecked();
  }
  await page.getByRole('button', { name: 'Override risk' }).click();
  const riskDialog = page.getByRole('dialog');
  await riskDialog
    .getByLabel('Reason')
    .fill('v1 clients migrated; canary for one hour');
  await riskDialog.getByRole('button', { name: 'Override risk' }).click();
  await expect(riskDialog).toBeHidden();

  // Grace, her teammate, approves for the checkout team (the creator may not).
  const releaseId = page.url().split('/').pop()!;
  const approvedByGrace = await request.post(
    `${API}/releases/${releaseId}/approvals`,
    {
      headers: { Authorization: `Bearer ${await demoToken(request, 'grace')}` },
      data: { decision: 'approve', comment: 'Checkout team agrees' },
    },
  );
  expect(approvedByGrace.status()).toBe(201);
  const verdict = page.getByTestId('release-readiness-verdict');
  const blocking = page.getByRole('list', {
    name: 'Blocking reasons',
    exact: true,
  });
  await expect(blocking).toHaveText(/storefront-team: pending/);
  await expect(blocking.getByRole('listitem')).toHaveCount(1);
  await expect(verdict).toHaveText(/not ready/i);
  // Marks this document: a reload would lose the mark.
  await page.evaluate(() => {
    (window as any).journeyNotReloaded = true;
  });

  // 2. Dave of the storefront team owns storefront-bff, which depends on
  // checkout-service: his approval is required; he gives it from the portal.
  const dave = await signInAs(browser, 'dave');
  await dave.page.goto(`/release-coordination/releases/${releaseId}`);
  const approvals = dave.page.getByRole('list', { name: 'Required approvals' });
  await expect(approvals).toContainText('owner of an affected dependent');
  await dave.page.getByRole('button', { name: 'Approve', exact: true }).click();
  const approveDialog = dave.page.getByRole('dialog');
  await approveDialog
    .getByLabel('Comment')
    .fill('storefront-bff and mobile-bff are on v2 already');
  await approveDialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(approveDialog).toBeHidden();
  await saveScreenshot(dave.page, 'journey-2-dependent-owner-approves');

  // Alice's page, open all along, shows the new verdict without a reload.
  await expect(verdict).toHaveText(/^\s*ready\s*$/i);
  await expect(blocking).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).journeyNotReloaded)).toBe(
    true,
  );
  await verdict.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'journey-2-engineer-sees-ready');
  await leave(alice, dave);

  // Cancelled, it frees its train slot for the next run on the same database.
  const cancelled = await request.post(
    `${API}/releases/${releaseId}/transition`,
    {
      headers: { Authorization: `Bearer ${await demoToken(request, 'alice')}` },
      data: { to: 'cancelled', reason: 'End-to-end journey done' },
    },
  );
  expect(cancelled.status()).toBe(200);
});

/** `YYYY-MM-DDTHH:mm` (UTC) a whole number of days ahead at the given hour. */
function daysAheadAt(days: number, hour: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString().slice(0, 16);
}

test("journey 3: a platform admin declares a freeze and the engineer's calendar shows it", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const title = `Checkout database failover drill ${Date.now()}`;

  // Carol of the platform team (releaseCoordination.platformAdminGroups)
  // declares a freeze of the checkout system from the releases page.
  const carol = await signInAs(browser, 'carol');
  await carol.page.goto('/release-coordination');
  await carol.page.getByRole('tab', { name: 'Freezes' }).click();
  await carol.page.getByRole('button', { name: 'New freeze' }).click();
  const dialog = carol.page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog
    .getByLabel('Description')
    .fill('The checkout database fails over to the second region.');
  await dialog.getByLabel('Everything').uncheck();
  await dialog.getByLabel('Systems').fill('checkout');
  await dialog.getByLabel('Start').fill(daysAheadAt(3, 6));
  await dialog.getByLabel('End').fill(daysAheadAt(3, 18));
  const created = carol.page.waitForResponse(
    response =>
      response.url().endsWith('/api/release-coordination/freezes') &&
      response.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  const freeze = await (await created).json();
  await expect(dialog).toBeHidden();
  await expect(carol.page.getByRole('cell', { name: title })).toBeVisible();
  await saveScreenshot(carol.page, 'journey-3-platform-admin-declares-freeze');

  // Alice's home calendar (the next 14 days) shows the freeze.
  const alice = await signInAs(browser, 'alice');
  await expect(alice.page.getByText('Release calendar').first()).toBeVisible();
  await expect(
    alice.page.getByTestId('calendar-freeze').filter({ hasText: title }),
  ).toBeVisible();
  await saveScreenshot(alice.page, 'journey-3-engineer-calendar-shows-freeze');
  await leave(carol, alice);

  // Deleted, it does not hold back the next run's releases.
  const deleted = await request.delete(`${API}/freezes/${freeze.id}`, {
    headers: { Authorization: `Bearer ${await demoToken(request, 'carol')}` },
  });
  expect(deleted.status()).toBe(204);
});

test("journey 4: a stakeholder drills down from a system's Release impact tab to a release, its owners and risk", async ({
  browser,
}) => {
  test.setTimeout(240_000);

  // Judy of the storefront team watches what the storefront system depends on:
  // storefront-bff -> checkout-service -> order-service -> payments-service,
  // whose seeded "Payments service 6.0" is ten days ahead.
  const judy = await signInAs(browser, 'judy');
  await openEntityTab(judy.page, 'system/storefront', 'Release impact');
  const row = judy.page
    .getByRole('row')
    .filter({ hasText: 'Payments service 6.0' });
  await expect(row.getByTestId('risk-chip')).toBeVisible();
  await expect(row).toContainText('dependency');
  await expect(
    row.getByRole('link', { name: /payments/i }).last(),
  ).toBeVisible();
  await saveScreenshot(judy.page, 'journey-4-stakeholder-release-impact');

  await row.getByRole('link', { name: 'Payments service 6.0' }).click();
  await expect(
    judy.page.getByRole('heading', { name: /Payments service 6\.0/ }),
  ).toBeVisible();
  const impact = judy.page.getByRole('region', { name: 'Impact and risk' });
  await expect(impact.getByTestId('risk-chip').first()).toBeVisible();
  await impact.scrollIntoViewIfNeeded();
  await saveScreenshot(judy.page, 'journey-4-stakeholder-release-risk');
  await leave(judy);
});
