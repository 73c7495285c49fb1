import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';

test('download business release notes of a demo release with a breaking change', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // "Ledger double-entry migration" removes the billing API v1
  await page
    .getByRole('link', { name: /Ledger double-entry migration/ })
    .first()
    .click();
  await expect(page.getByTestId('release-state').first()).toBeVisible();

  await page
    .getByRole('button', { name: 'Release notes', exact: true })
    .click();
  await expect(page.getByLabel('Release notes text')).toContainText(
    'Breaking changes',
  );
  await page.getByRole('button', { name: 'Business', exact: true }).click();
  await expect(page.getByLabel('Release notes text')).toContainText(
    'Changes that may need action',
  );

  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await saving;
  expect(download.suggestedFilename()).toMatch(/-business-notes\.md$/);
  const notes = await readFile((await download.path())!, 'utf8');
  const breaking = notes.indexOf('## Changes that may need action');
  expect(breaking).toBeGreaterThan(0);
  expect(notes.indexOf('Billing API v1 removed')).toBeGreaterThan(breaking);
  expect(notes).toContain('## Who is affected');
  // no internal refs or ids for business readers
  expect(notes).not.toMatch(/(component|api|system|group):/);
  expect(notes).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
});

test("a stakeholder subscribes to a System's release notes feed from its Release impact tab, and revokes it", async ({
  page,
  request,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.goto('/catalog/default/system/checkout/release-impact');
  await page.getByRole('button', { name: 'Release notes feed' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Release notes of checkout as a feed',
  });
  await dialog.getByRole('button', { name: 'Create feed URL' }).click();
  const url = await dialog
    .getByRole('textbox', { name: 'Feed URL' })
    .inputValue();
  expect(url).toMatch(/\/notes-feeds\/[^/]+\/atom\.xml\?token=/);

  // a feed reader needs no Backstage token: the URL is the secret
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  const atom = await feed.text();
  expect(atom).toContain('<feed');
  expect(atom).toContain('<entry>');

  const feeds = dialog.getByRole('list', {
    name: 'Your release notes feeds of checkout',
  });
  await feeds
    .getByRole('button', { name: /Revoke/ })
    .first()
    .click();
  await page
    .getByRole('dialog', { name: 'Revoke this feed?' })
    .getByRole('button', { name: 'Revoke' })
    .click();
  // revoked once the list, read again, has none left
  await expect(dialog.getByText('No feeds yet.')).toBeVisible();
  expect((await request.get(url)).status()).toBe(404);
});
