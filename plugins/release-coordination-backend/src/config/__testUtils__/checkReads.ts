import path from 'node:path';
import { ConfigRead } from './configReads';
import { DeclaredKey, findDeclared, formatPath } from './declaredKeys';

/** Where a read is, relative to `root`. */
export function whereRead(read: ConfigRead, root: string) {
  return `${path.relative(root, read.fileName)}:${read.line}`;
}

/**
 * What is wrong with the reads against the keys declared for the code that
 * makes them: a key no schema declares, or (`frontend`) a value the
 * frontend reads that is not `@visibility frontend` and so never reaches it.
 */
export function checkReads(
  reads: ConfigRead[],
  declared: DeclaredKey[],
  options: { frontend: boolean; root: string },
): string[] {
  return reads.flatMap(read => {
    const key = findDeclared(declared, read.path);
    const what = `${formatPath(read.path)} (${read.method} at ${whereRead(
      read,
      options.root,
    )})`;
    if (!key) return [`${what} is not declared`];
    if (options.frontend && !read.section && key.visibility !== 'frontend') {
      return [
        `${what} is read by frontend code but is not @visibility frontend (${key.location})`,
      ];
    }
    return [];
  });
}
