import { expect, Page, test } from '@playwright/test';
import {
  demoToken,
  leave,
  openEntityTab,
  saveScreenshot,
  signInAs,
} from './journeyHelpers';

const API = 'http://localhost:7007/api/release-coordination';

/** An ISO time a whole number of days ahead at the given UTC hour. */
function daysAheadAt(days: number, hour: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
}

/** The release the test planned, cancelled after it (passed or not). */
let plannedId: string | undefined;

test.afterEach(async ({ request }) => {
  if (!plannedId) return;
  // Cancelled, it leaves the inboxes for the next run on the same database.
  const cancelled = await request.post(
    `${API}/releases/${plannedId}/transition`,
    {
      headers: { Authorization: `Bearer ${await demoToken(request, 'bob')}` },
      data: { to: 'cancelled', reason: 'End-to-end inbox test done' },
    },
  );
  expect(cancelled.status()).toBe(200);
  plannedId = undefined;
});

test('a breaking release of the payments team waits in the inbox of the checkout team, whose components depend on it, and is approved in place', async ({
  browser,
  request,
}) => {
  test.setTimeout(600_000); // two users, six page loads of up to 45 s each on a busy shared machine
  // Bob of the payments team plans a breaking change of payments-service,
  // on which the checkout team's order-service depends.
  const title = `Payments API v2 (${Date.now()})`;
  const bobAuth = {
    Authorization: `Bearer ${await demoToken(request, 'bob')}`,
  };
  const created = await request.post(`${API}/releases`, {
    headers: bobAuth,
    data: {
      title,
      version: '7.0.0',
      type: 'normal',
      window: { start: daysAheadAt(5, 9), end: daysAheadAt(5, 11) },
      entityRefs: ['component:default/payments-service'],
      ownerRef: 'group:default/payments-team',
      description: 'Removes payments API v1.',
      changes: [{ kind: 'breaking', title: 'Payments API v1 removed' }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  plannedId = id;
  const planned = await request.post(`${API}/releases/${id}/transition`, {
    headers: bobAuth,
    data: { to: 'planned' },
  });
  expect(planned.status()).toBe(200);
  const inInbox = (page: Page) =>
    page.getByRole('listitem', {
      name: new RegExp(title.replace(/[()]/g, '\\$&')),
    });

  // Bob's own team waits too, but he cannot approve what he planned: the
  // inbox says so in words next to the disabled buttons.
  const bob = await signInAs(browser, 'bob');
  await bob.page.goto('/release-coordination?tab=inbox');
  const own = inInbox(bob.page);
  await expect(own).toBeVisible();
  await expect(own.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(own.getByTestId('decision-refusal')).toHaveText(
    /You created this release, so you cannot approve or reject it yourself/,
  );

  // The release page says why it cannot move to approved yet, before the click.
  await own.getByRole('link', { name: title }).click();
  await expect(
    bob.page.getByRole('button', { name: 'Move to approved' }),
  ).toBeDisabled();
  await expect(bob.page.getByTestId('transition-blockers')).toContainText(
    /Waiting for the approval of .*Checkout Team/,
  );
  await bob.page.getByTestId('transition-blockers').scrollIntoViewIfNeeded();
  await saveScreenshot(bob.page, 'transition-blockers');

  // Alice of the checkout team finds it on her home page…
  const alice = await signInAs(browser, 'alice');
  await expect(inInbox(alice.page)).toBeVisible();
  await saveScreenshot(alice.page, 'home-page-widgets');

  // …on her team's Readiness tab…
  await openEntityTab(alice.page, 'group/checkout-team', 'Readiness');
  await expect(inInbox(alice.page)).toBeVisible();

  // …and in the inbox, with which of the team's components are affected and how.
  await alice.page.goto('/release-coordination?tab=inbox');
  const item = inInbox(alice.page);
  await expect(item).toContainText(/Checkout Team\s+owns/);
  await expect(item).toContainText(/payments-service\s+→\s+order-service/);
  await expect(item.getByTestId('inbox-deadline')).toContainText('Decide by');
  await item.scrollIntoViewIfNeeded();
  await saveScreenshot(alice.page, 'approval-inbox');

  await item.getByRole('button', { name: 'Approve' }).click();
  const dialog = alice.page.getByRole('dialog');
  await dialog.getByLabel('Comment').fill('order-service is on v2 already');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(item).toBeHidden();

  // Withdrawing the approval asks first; "Keep" keeps it.
  await alice.page.goto(`/release-coordination/releases/${id}`);
  // the Readiness card loads after the page (its impact takes a while here)
  const withdraw = alice.page.getByRole('button', { name: 'Withdraw' });
  await expect(withdraw).toBeVisible({ timeout: 60_000 });
  await withdraw.click();
  const confirm = alice.page.getByRole('dialog', {
    name: 'Withdraw this decision?',
  });
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(confirm).toBeHidden();
  await expect(
    alice.page.getByRole('button', { name: 'Withdraw' }),
  ).toBeVisible();

  await leave(bob, alice);
});
