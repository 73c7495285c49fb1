import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Component tests drive dialogs with user-event, which takes seconds on a
// loaded 2-core machine (minutes when other builds share it); jest's default
// of 5 s makes them flaky there. A limit against hangs, not a speed check.
jest.setTimeout(120_000);
// The same for findBy… and waitFor: a page with many sections (the release
// page loads readiness, rollback, criteria, issues…) can take longer than
// testing-library's 1 s to appear on a loaded machine. A wait limit, not a
// speed assertion: nothing here measures how fast it is.
configure({ asyncUtilTimeout: 10_000 });
