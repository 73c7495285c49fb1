import { NotesDiffLine } from '@internal/plugin-release-coordination-common';
import MarkdownIt from 'markdown-it';

/**
 * Markdown to HTML for notes that leave the portal: raw HTML in the
 * Markdown is escaped (never passed through) and markdown-it's link check
 * drops `javascript:`, `vbscript:`, `file:` and `data:` links.
 */
const markdown = new MarkdownIt({ html: false, linkify: false });

/** Release notes as an HTML fragment, safe to embed in a page or an email. */
export function notesToHtml(notes: string): string {
  return markdown.render(notes);
}

/**
 * The line-by-line difference from one text to another (longest common
 * subsequence of lines): lines only in `from` are `removed`, lines only in
 * `to` are `added`. Notes are short (at most a few hundred lines), so the
 * quadratic table is small.
 */
export function diffLines(from: string, to: string): NotesDiffLine[] {
  const a = from.split('\n');
  const b = to.split('\n');
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..]
  const common = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] =
        a[i] === b[j]
          ? common[i + 1][j + 1] + 1
          : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines: NotesDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (
      j < b.length &&
      (i === a.length || common[i][j + 1] >= common[i + 1][j])
    ) {
      lines.push({ kind: 'added', text: b[j++] });
    } else {
      lines.push({ kind: 'removed', text: a[i++] });
    }
  }
  return lines;
}
