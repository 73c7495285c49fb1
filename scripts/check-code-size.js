#!/usr/bin/env node
// Fails when a plugin source file is longer than 500 lines, or a function,
// method or arrow function body spans more than 120 lines (issue #10).
// Reads plugins/*/src/**/*.ts(x), generated OpenAPI code excepted. The body of a
// `describe` block is not counted as a function: it groups tests, and the file
// limit bounds it; the tests inside it (`it`, `test`, hooks) are counted.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 120;
const ROOT = path.resolve(__dirname, '..');
// code generated from the OpenAPI document (`yarn openapi:generate`)
const GENERATED_FOLDER = 'generated';

function sourceFiles(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const skipped =
        entry.name === 'node_modules' || entry.name === GENERATED_FOLDER;
      return skipped ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

function lineCount(text) {
  const lines = text.split('\n');
  return lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

function functionName(node, source) {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent))
    return parent.name.getText(source);
  if (parent && ts.isPropertyAssignment(parent))
    return parent.name.getText(source);
  if (parent && ts.isCallExpression(parent)) {
    return `callback of ${parent.expression.getText(source).slice(0, 60)}`;
  }
  return '(anonymous)';
}

const TEST_GROUP = /^(describe|context)(\.(each|only|skip))?\b/;

function isTestGroup(node, source) {
  const parent = node.parent;
  return (
    parent !== undefined &&
    ts.isCallExpression(parent) &&
    TEST_GROUP.test(parent.expression.getText(source))
  );
}

/** Functions whose body spans more than MAX_FUNCTION_LINES lines. */
function longFunctions(file, text) {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    kind,
  );
  const found = [];
  const visit = node => {
    if (ts.isFunctionLike(node) && node.body && !isTestGroup(node, source)) {
      const first = source.getLineAndCharacterOfPosition(
        node.body.getStart(source),
      ).line;
      const last = source.getLineAndCharacterOfPosition(
        node.body.getEnd(),
      ).line;
      const lines = last - first + 1;
      if (lines > MAX_FUNCTION_LINES) {
        found.push({
          name: functionName(node, source),
          line: first + 1,
          lines,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const pluginsFolder = path.join(ROOT, 'plugins');
const files = fs
  .readdirSync(pluginsFolder)
  .map(plugin => path.join(pluginsFolder, plugin, 'src'))
  .filter(folder => fs.existsSync(folder))
  .flatMap(sourceFiles)
  .sort();

const offenders = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const relative = path.relative(ROOT, file);
  const lines = lineCount(text);
  if (lines > MAX_FILE_LINES) {
    offenders.push(`${relative}: ${lines} lines (file, max ${MAX_FILE_LINES})`);
  }
  for (const fn of longFunctions(file, text)) {
    offenders.push(
      `${relative}:${fn.line}: ${fn.name} spans ${fn.lines} lines (function, max ${MAX_FUNCTION_LINES})`,
    );
  }
}

if (offenders.length > 0) {
  console.error(`Code size check failed: ${offenders.length} offender(s)`);
  for (const offender of offenders) console.error(`  ${offender}`);
  process.exit(1);
}
console.log(
  `Code size check passed: ${files.length} files, none over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES} lines.`,
);
