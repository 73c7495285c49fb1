/** One entry of an Atom feed; `contentHtml` is HTML, escaped into the XML here. */
export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  contentHtml: string;
}

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/**
 * An Atom 1.0 feed (RFC 4287): feed id, title, updated and author, and per
 * entry its id, title, updated and HTML content, every text escaped.
 */
export function buildAtom(feed: {
  id: string;
  title: string;
  updated: string;
  entries: AtomEntry[];
}): string {
  const entries = feed.entries.map(entry =>
    [
      '  <entry>',
      `    <id>${escapeXml(entry.id)}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <updated>${escapeXml(entry.updated)}</updated>`,
      `    <content type="html">${escapeXml(entry.contentHtml)}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(feed.updated)}</updated>`,
    '  <author><name>Release Portal</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
