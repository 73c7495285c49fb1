/*
 * Test-only: error messages people read in the portal are in plain words.
 */

/** An HTTP method followed by a path, or a path of the plugin's API. */
const ENDPOINT = /\b(GET|POST|PUT|PATCH|DELETE) \/|\/releases\b/;

/**
 * Asserts that `message` names the release by its title in quotes and holds
 * neither its id nor an endpoint path (nor raw JSON braces).
 */
export function expectPlainWords(
  message: string,
  release: { id: string; title: string },
): void {
  expect(message).toContain(`"${release.title}"`);
  expect(message).not.toContain(release.id);
  expect(message).not.toMatch(ENDPOINT);
  expect(message).not.toMatch(/[{}]/);
}
