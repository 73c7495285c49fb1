import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** "Order service hotfix", seeded rolled back three weeks ago, owned by Alice's checkout team: its required review is open and overdue. */
const RELEASE_ID = '00000000-0000-4000-a000-000000000003';
const LESSON = 'Load-test latency before every hotfix of order-service';
const ACTION_ITEM = 'Add a p99 latency gate to the order-service pipeline';

test('write a review of a rolled-back demo release', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto(`/release-coordination/releases/${RELEASE_ID}`);
  await expect(page.getByTestId('release-state').first()).toHaveText(
    /rolled back/i,
  );
  await expect(
    page.getByText('Required because it was rolled back'),
  ).toBeVisible();
  const status = page.getByTestId('review-status');
  await expect(status).toHaveText(/^Overdue since/);
  // prefilled from the release's history
  await expect(
    page.getByRole('list', { name: 'Timeline' }).getByText(/^rolled back:/),
  ).toBeVisible();

  // Alice writes what went well, what did not and the lessons
  await page
    .getByLabel('What went well')
    .fill('The rollback took ten minutes.');
  await page
    .getByLabel("What didn't go well")
    .fill('p99 latency reached 4 s before anyone noticed.');
  await page.getByLabel('Lessons').fill(LESSON);
  await page.getByRole('button', { name: 'Save review' }).click();
  await expect(
    page.getByRole('button', { name: 'Save review' }),
  ).toBeDisabled();

  // …agrees an action item for her team
  await page.getByLabel('Action item', { exact: true }).fill(ACTION_ITEM);
  await page
    .getByLabel('Action item owner')
    .fill('group:default/checkout-team');
  await page.getByLabel('Due date').fill('2030-01-31');
  await page.getByRole('button', { name: 'Add action item' }).click();
  await expect(
    page.getByRole('list', { name: 'Action items' }).getByText(ACTION_ITEM),
  ).toBeVisible();

  // …completes the review and downloads it as Markdown
  await page.getByRole('button', { name: 'Complete review' }).click();
  await expect(status).toHaveText(/^Completed by alice/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('review-order-service-hotfix-2.8.1.md');
  const markdown = await readFile((await file.path())!, 'utf8');
  expect(markdown).toContain(
    '# Post-release review: Order service hotfix 2.8.1',
  );
  expect(markdown).toContain(`## Lessons\n\n${LESSON}`);
  expect(markdown).toContain(
    `- [ ] ${ACTION_ITEM} — group:default/checkout-team, due 2030-01-31`,
  );

  // the review is found by its text on the Reviews tab
  await page.goto('/release-coordination?tab=reviews');
  const search = page.getByLabel('Search reviews');
  await search.fill('load-test latency');
  await search.press('Enter');
  const reviews = page.getByRole('list', { name: 'Reviews' });
  await expect(
    reviews.getByRole('link', { name: 'Order service hotfix 2.8.1' }),
  ).toBeVisible();
  await expect(reviews.getByText(/Completed by alice/)).toBeVisible();
});
