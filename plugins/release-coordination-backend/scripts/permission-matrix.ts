/*
 * Writes the permission matrix (src/__testUtils__/permissionMatrix.ts) into the
 * root README's "Security" section, between its markers:
 *
 *   yarn permission-matrix
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  README_PATH,
  renderPermissionMatrix,
  withReadmeMatrix,
} from '../src/__testUtils__/permissionMatrix';

const readme = readFileSync(README_PATH, 'utf8');
const updated = withReadmeMatrix(readme, renderPermissionMatrix());
writeFileSync(README_PATH, updated);
process.stdout.write(
  updated === readme
    ? `${README_PATH}: permission matrix unchanged\n`
    : `${README_PATH}: permission matrix written\n`,
);
