/* eslint-disable no-script-url -- hostile links are the point of these fixtures */
import { ReleaseChange } from '@internal/plugin-release-coordination-common';

/** Markdown that broke or could abuse the release page, for tests. */
export const HOSTILE_MARKDOWN = [
  '<svg> ![i](x) text',
  '<script>alert("script")</script>',
  '<img src=x onerror=alert("img")>',
  '[click me](javascript:alert("md-link"))',
  '![tracker](https://tracker.example.com/pixel.gif)',
].join('\n\n');

/** Quotes and lists nested thousands of levels deep. */
export const DEEPLY_NESTED_MARKDOWN = `${'> '.repeat(
  5000,
)}deep quote\n\n${Array.from(
  { length: 500 },
  (_, depth) => `${'  '.repeat(depth)}- level ${depth}`,
).join('\n')}`;

/** A title with a right-to-left override, a NUL and a long unbroken word. */
export const HOSTILE_TITLE = `\u202Eevil\u202C \u0000 ${'W'.repeat(180)}`;

/** Change items stored before links were checked. */
export const HOSTILE_CHANGES: ReleaseChange[] = [
  { kind: 'fix', title: 'Script link', link: 'javascript:alert("change")' },
  { kind: 'fix', title: 'Data link', link: 'data:text/html,<b>x</b>' },
  { kind: 'feature', title: 'Fine link', link: 'https://example.com/pr/1' },
];

/** Readiness evidence stored before links were checked. */
export const HOSTILE_EVIDENCE = 'javascript:alert("evidence")';
