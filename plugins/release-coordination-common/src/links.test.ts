/* eslint-disable no-script-url -- hostile links are the input under test */
import fc from 'fast-check';
import { impactRequestSchema } from './impact';
import { linkedRequestSchemas } from './linkedRequestSchemas';
import {
  DEFAULT_LINK_SCHEMES,
  linkSchema,
  linkSchemesProblem,
  safeLink,
} from './links';
import { checkReadinessItemRequestSchema } from './readiness';
import {
  createReleaseRequestSchema,
  describeValidationError,
  updateReleaseRequestSchema,
} from './schemas';

const release = {
  title: 'Payments 2.1',
  version: '2.1.0',
  type: 'normal',
  window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
  entityRefs: ['component:payments-api'],
};

function errorOf(schema: { safeParse(v: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return describeValidationError(result.error);
}

const hostileLinks = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  ' javascript:alert(1)',
  '\u0001javascript:alert(1)',
  'java\tscript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'mailto:someone@example.com',
  '//evil.example.com/x',
  '/catalog',
  'example.com',
  'http://',
  '',
];

describe('user-supplied links', () => {
  it.each(hostileLinks)(
    'rejects %j in change links, naming the field',
    link => {
      expect(
        errorOf(createReleaseRequestSchema, {
          ...release,
          changes: [
            { kind: 'fix', title: 'ok', link: 'https://example.com' },
            { kind: 'fix', title: 'bad', link },
          ],
        }),
      ).toBe('changes.1.link: must be an http(s) URL');
    },
  );

  it.each(hostileLinks)('rejects %j as readiness evidence', link => {
    expect(
      errorOf(checkReadinessItemRequestSchema, {
        checked: true,
        evidence: link,
      }),
    ).toBe('evidence: must be an http(s) URL');
  });

  it('rejects script links in updates and impact previews too', () => {
    const changes = [{ kind: 'fix', title: 'x', link: 'javascript:alert(1)' }];
    expect(errorOf(updateReleaseRequestSchema, { revision: 1, changes })).toBe(
      'changes.0.link: must be an http(s) URL',
    );
    expect(
      errorOf(impactRequestSchema, { entityRefs: release.entityRefs, changes }),
    ).toBe('changes.0.link: must be an http(s) URL');
  });

  it('accepts http and https links, trimmed', () => {
    const parsed = createReleaseRequestSchema.parse({
      ...release,
      changes: [
        { kind: 'fix', title: 'a', link: '  https://example.com/pr/1 ' },
        { kind: 'fix', title: 'b', link: 'HTTP://EXAMPLE.COM/pr/2' },
      ],
    });
    expect(parsed.changes.map(c => c.link)).toEqual([
      'https://example.com/pr/1',
      'HTTP://EXAMPLE.COM/pr/2',
    ]);
    expect(
      errorOf(createReleaseRequestSchema, {
        ...release,
        changes: [
          {
            kind: 'fix',
            title: 'a',
            link: `https://x.example/${'a'.repeat(2000)}`,
          },
        ],
      }),
    ).toMatch(/^changes\.0\.link: /);
  });

  it('accepts any http(s) URL and nothing with another scheme (property)', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        url => expect(linkSchema().safeParse(url).success).toBe(true),
      ),
    );
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,12}$/)
          .filter(s => !/^https?$/i.test(s)),
        fc.string(),
        (scheme, rest) =>
          expect(linkSchema().safeParse(`${scheme}:${rest}`).success).toBe(
            false,
          ),
      ),
    );
  });

  it('accepts only what renders as a safe link (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl().map(url => url.replace(/^https?/, 'javascript')),
          fc
            .tuple(
              fc.constantFrom(' ', '\t', '\n', '\u0000', '\u0001', ''),
              fc.webUrl(),
            )
            .map(([junk, url]) => `${junk}${url}`),
        ),
        value => {
          const result = linkSchema().safeParse(value);
          expect(
            !result.success ||
              (/^https?:/i.test(result.data) &&
                safeLink(value) === result.data),
          ).toBe(true);
        },
      ),
    );
  });
});

describe('safeLink', () => {
  it('tells stored links to render as links from those to show as text', () => {
    expect(safeLink(' https://example.com/pr/1')).toBe(
      'https://example.com/pr/1',
    );
    expect(safeLink('javascript:alert(1)')).toBeUndefined();
    expect(safeLink('\u0001https://example.com')).toBeUndefined();
    expect(safeLink('/catalog')).toBeUndefined();
    expect(safeLink('mailto:a@example.com')).toBeUndefined();
    expect(safeLink('mailto:a@example.com', ['https', 'mailto'])).toBe(
      'mailto:a@example.com',
    );
  });
});

describe('linkedRequestSchemas', () => {
  const schemas = linkedRequestSchemas(['https', 'mailto']);

  it('accepts the configured schemes and only those', () => {
    expect(
      schemas.createRelease.parse({
        ...release,
        changes: [{ kind: 'fix', title: 'a', link: 'mailto:ops@example.com' }],
      }).changes[0].link,
    ).toBe('mailto:ops@example.com');
    expect(
      errorOf(schemas.createRelease, {
        ...release,
        changes: [{ kind: 'fix', title: 'a', link: 'http://example.com' }],
      }),
    ).toBe('changes.0.link: must be a URL with scheme https or mailto');
    expect(
      errorOf(schemas.checkReadinessItem, {
        checked: true,
        evidence: 'javascript:alert(1)',
      }),
    ).toBe('evidence: must be a URL with scheme https or mailto');
    expect(
      errorOf(schemas.impact, {
        entityRefs: release.entityRefs,
        changes: [{ kind: 'fix', title: 'a', link: 'http://example.com' }],
      }),
    ).toMatch(/^changes\.0\.link: /);
  });

  it('keeps every other rule of the shared schemas', () => {
    expect(errorOf(schemas.createRelease, { ...release, title: '' })).toMatch(
      /^title:/,
    );
    expect(errorOf(schemas.createRelease, { ...release, extra: 1 })).toBe(
      'unknown field(s): extra',
    );
    expect(errorOf(schemas.updateRelease, { revision: 1 })).toBe(
      'name at least one field to change besides revision',
    );
    expect(
      errorOf(schemas.updateRelease, {
        revision: 1,
        changes: [{ kind: 'fix', title: 'a', link: 'http://example.com' }],
      }),
    ).toBe('changes.0.link: must be a URL with scheme https or mailto');
    expect(schemas.createRelease.parse(release).changes).toEqual([]);
  });
});

describe('linkSchemesProblem', () => {
  it('accepts lower-case schemes that do not run code', () => {
    expect(linkSchemesProblem(DEFAULT_LINK_SCHEMES)).toBeUndefined();
    expect(linkSchemesProblem(['https', 'mailto', 'svn+ssh'])).toBeUndefined();
  });

  it.each([
    [[], /at least one/],
    [['HTTPS'], /not lower-case URL schemes: HTTPS/],
    [['https:'], /not lower-case URL schemes: https:/],
    [['https', 'javascript'], /run code.*: javascript/],
    [['data'], /run code.*: data/],
  ])('rejects %j', (schemes, message) => {
    expect(linkSchemesProblem(schemes)).toMatch(message);
  });
});
