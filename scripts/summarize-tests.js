#!/usr/bin/env node
// Prints one closing line over the jest and Playwright JSON reports and the
// checks scripts/test.sh passes in (API_REPORTS_RESULT, INSTALL_TEST_RESULT):
// "Summary: N passed, N failed, N skipped". A missing report counts as a failure.
const fs = require('fs');

const totals = { passed: 0, failed: 0, skipped: 0 };
const read = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    console.log(`(no report at ${file})`);
    totals.failed += 1;
    return undefined;
  }
};

const [jestFile, playwrightFile] = process.argv.slice(2);
const jest = read(jestFile);
if (jest) {
  totals.passed += jest.numPassedTests;
  totals.failed += jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0);
  totals.skipped += jest.numPendingTests + jest.numTodoTests;
  console.log(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped in ${jest.numTotalTestSuites} suites`,
  );
  const postgresCases = jest.testResults
    .flatMap(suite => suite.assertionResults)
    .filter(t => t.status === 'passed' && t.fullName.includes('POSTGRES_15'));
  console.log(`jest: ${postgresCases.length} of them ran on PostgreSQL 15`);
  if (process.env.CI === 'true' && postgresCases.length === 0) {
    console.log(
      '(CI=true but no PostgreSQL 15 test ran: counted as a failure)',
    );
    totals.failed += 1;
  }
}
const e2e = read(playwrightFile);
if (e2e) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = e2e.stats;
  totals.passed += expected + flaky;
  totals.failed += unexpected + (e2e.errors?.length ?? 0);
  totals.skipped += skipped;
  if (expected + unexpected + flaky === 0) {
    console.log('(no end-to-end test ran: counted as a failure)');
    totals.failed += 1;
  }
  console.log(
    `playwright: ${
      expected + flaky
    } passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped`,
  );
}
// The checks scripts/test.sh runs besides the test runners, one count each.
for (const [name, result] of [
  ['api reports', process.env.API_REPORTS_RESULT],
  ['install test', process.env.INSTALL_TEST_RESULT],
]) {
  if (!result) continue;
  totals[
    result === 'passed' ? 'passed' : result === 'skipped' ? 'skipped' : 'failed'
  ] += 1;
  console.log(`${name}: ${result}`);
}
console.log(
  `Summary: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
