import { composeNotes } from './composeNotes';
import { diffLines, notesToHtml } from './renderNotes';
import { NOTES_FACTS } from './__testUtils__/notesFixture';

const headings = (markdown: string) =>
  markdown
    .split('\n')
    .filter(line => line.startsWith('## '))
    .map(line => line.slice(3));

describe('composeNotes', () => {
  it('writes engineering notes: breaking changes first, grouped by kind, with entities, API consumers and links', () => {
    const notes = composeNotes(NOTES_FACTS, 'engineering');
    expect(headings(notes)).toEqual([
      'Breaking changes',
      'Security',
      'Features',
      'Fixes',
      'Dependencies',
      'Affected',
    ]);
    expect(notes).toContain('# Checkout 4.0 4.0.0');
    expect(notes).toContain(
      '- Drop /v1/cart from api:default/checkout-api (`component:default/checkout-service`) — [link](<https://tracker.example.com/CHK-2>)',
    );
    const breaking = notes.slice(
      notes.indexOf('## Breaking changes'),
      notes.indexOf('## Security'),
    );
    expect(breaking).toContain(
      '`component:default/storefront-bff` consumes `api:default/checkout-api`',
    );
    // the consumer of the API without a breaking change is not asked to act
    expect(breaking).not.toContain('mobile-bff');
    expect(notes).toContain('`system:default/storefront` (2)');
    expect(notes).toContain(
      '`component:default/mobile-bff` via `api:default/checkout-api`',
    );
    expect(notes).toContain(`[Release page](${NOTES_FACTS.releaseUrl})`);
    expect(notes).toContain('1 December 2026, 10:00–12:00 UTC');
  });

  it('writes business notes with System and audience names, and no internal refs, UUIDs or links', () => {
    const notes = composeNotes(NOTES_FACTS, 'business');
    expect(headings(notes)).toEqual([
      'Changes that may need action',
      'Security improvements',
      'New',
      'Fixed',
      'Behind the scenes',
      'Who is affected',
    ]);
    expect(notes).toContain('- Drop /v1/cart from Checkout api');
    expect(notes).toContain('Systems that use what changes: Web shop.');
    expect(notes).toContain(
      '**Systems:** Checkout (tier-1), Web shop (tier-2)',
    );
    expect(notes).toContain('**Audiences:** Customers, Internal ops');
    expect(notes).toContain(
      'Faster checkout; see Checkout service and ticket.',
    );
    expect(notes).not.toMatch(
      /(component|api|system|group):(default\/)?[\w-]/i,
    );
    expect(notes).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
    expect(notes).not.toContain('http');
  });

  it('keeps every change of the inventory in both audiences', () => {
    for (const audience of ['engineering', 'business'] as const) {
      const notes = composeNotes(NOTES_FACTS, audience);
      for (const title of ['Rounding of totals', 'One-click reorder']) {
        expect(notes).toContain(title);
      }
    }
  });
});

describe('notesToHtml', () => {
  it('escapes raw HTML from release titles and drops script links', () => {
    const notes = composeNotes(
      {
        ...NOTES_FACTS,
        release: {
          ...NOTES_FACTS.release,
          title: '<img src=x onerror=alert(1)>',
          description: '<script>alert(2)</script> [click](javascript:alert(3))',
        },
      },
      'engineering',
    );
    const html = notesToHtml(notes);
    expect(html).not.toMatch(/<img|<script|href="javascript/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('<h2>Breaking changes</h2>');
  });
});

describe('diffLines', () => {
  it('marks lines only in the edit as removed and lines only in the generated notes as added', () => {
    expect(diffLines('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });
});
