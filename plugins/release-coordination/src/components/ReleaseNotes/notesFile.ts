import {
  NotesAudience,
  NotesFormat,
  Release,
} from '@internal/plugin-release-coordination-common';

const EXTENSIONS: Record<NotesFormat, { extension: string; type: string }> = {
  markdown: { extension: 'md', type: 'text/markdown;charset=utf-8' },
  html: { extension: 'html', type: 'text/html;charset=utf-8' },
};

/** The file name of downloaded notes, e.g. `payments-6.0.0-business-notes.md`. */
export function notesFileName(
  release: Pick<Release, 'title' | 'version'>,
  audience: NotesAudience,
  format: NotesFormat,
): string {
  const slug = `${release.title}-${release.version}`
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'release'}-${audience}-notes.${
    EXTENSIONS[format].extension
  }`;
}

/** Makes the browser save `content` as a file. */
export function downloadFile(
  content: string,
  fileName: string,
  format: NotesFormat,
) {
  const url = URL.createObjectURL(
    new Blob([content], { type: EXTENSIONS[format].type }),
  );
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // revoked once the browser has started saving it
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
