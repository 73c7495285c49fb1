import {
  NotesAudience,
  NotesFormat,
  Release,
} from '@internal/plugin-release-coordination-common';
import { saveFile } from '../shared/saveFile';

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
  saveFile(new Blob([content], { type: EXTENSIONS[format].type }), fileName);
}
