import '@testing-library/jest-dom';

// Component tests drive dialogs with user-event, which takes seconds on a
// loaded 2-core CI machine; jest's default of 5 s makes them flaky there.
jest.setTimeout(30_000);
