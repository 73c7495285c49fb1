import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * End-to-end tests of every package with an `e2e-tests` folder, in Debian's
 * Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium), against a portal that
 * Playwright starts with `yarn start` on a fresh SQLite folder (data/e2e-sqlite).
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },
  webServer: [
    {
      command:
        'yarn start --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Nothing to start: waits until the backend started above answers.
      command: 'tail -f /dev/null',
      url: 'http://localhost:7007/api/release-coordination/health',
      reuseExistingServer: true,
      timeout: 240_000,
    },
  ],
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  use: {
    actionTimeout: 15_000,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
  projects: generateProjects().map(project => ({
    ...project,
    use: { browserName: 'chromium' as const },
  })),
});
