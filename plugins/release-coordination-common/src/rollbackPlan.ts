/** A list item at the top level of a Markdown text: `1.`/`1)` ordered, `-`/`*`/`+` bulleted. */
const LIST_ITEM = /^ {0,3}(?:(\d{1,9})[.)]|([-*+]))[ \t]+(\S.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The execution steps a Markdown rollback plan lists: the text of its
 * top-level ordered list items in order, or of its bulleted items when it has
 * no ordered ones; indented lines continuing an item join its text, nested
 * lists and fenced code are left out. Empty when the plan lists nothing.
 *
 * @public
 */
export function rollbackPlanSteps(markdown: string | undefined): string[] {
  const ordered: string[][] = [];
  const bulleted: string[][] = [];
  let current: string[] | undefined;
  let fence: string | undefined;
  for (const line of (markdown ?? '').split(/\r?\n/)) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence) {
      if (fenceMark?.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      current = undefined;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      current = [item[3].trim()];
      (item[1] ? ordered : bulleted).push(current);
    } else if (current && /^\s{2,}\S/.test(line) && !isNested(line)) {
      current.push(line.trim());
    } else if (!/^\s{2,}/.test(line)) {
      current = undefined;
    }
  }
  const items = ordered.length > 0 ? ordered : bulleted;
  return items.map(parts => parts.join(' '));
}

/** An indented line that starts a list of its own. */
function isNested(line: string): boolean {
  return /^\s+(?:\d{1,9}[.)]|[-*+])[ \t]+\S/.test(line);
}
