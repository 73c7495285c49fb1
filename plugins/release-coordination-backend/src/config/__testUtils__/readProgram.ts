import path from 'node:path';
import ts from 'typescript';

/** A source file: its name and text. */
export interface SourceText {
  fileName: string;
  text: string;
}

/** A call of a function, or of a class's constructor. */
export type CallSite = ts.CallExpression | ts.NewExpression;

function createHost(
  texts: Map<string, string>,
  aliases: Record<string, string>,
): ts.CompilerHost {
  const resolve = (name: string, from: string): string | undefined => {
    if (!aliases[name] && !name.startsWith('.')) return undefined;
    const base = aliases[name] ?? path.resolve(path.dirname(from), name);
    return [
      base,
      ...['.ts', '.tsx', '/index.ts', '/index.tsx'].map(ext => base + ext),
    ].find(candidate => texts.has(candidate));
  };
  return {
    getSourceFile: name => {
      const text = texts.get(path.resolve(name));
      return text === undefined
        ? undefined
        : ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
    },
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getCanonicalFileName: name => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: name => texts.has(path.resolve(name)),
    readFile: name => texts.get(path.resolve(name)),
    resolveModuleNames: (names, from) =>
      names.map(name => {
        const resolvedFileName = resolve(name, from);
        return resolvedFileName
          ? {
              resolvedFileName,
              extension: resolvedFileName.endsWith('.tsx')
                ? ts.Extension.Tsx
                : ts.Extension.Ts,
            }
          : undefined;
      }),
  };
}

/** The name a function is called by. */
function nameOf(fn: ts.SignatureDeclaration) {
  if (ts.isConstructorDeclaration(fn)) return fn.parent.name;
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name;
  const holder = fn.parent;
  return ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)
    ? holder.name
    : undefined;
}

/** Whether an identifier names a function without using it as a value. */
function onlyNames(node: ts.Identifier) {
  const parent = node.parent;
  return (
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isExportSpecifier(parent) ||
    ts.isTypeReferenceNode(parent) ||
    ts.isTypeQueryNode(parent)
  );
}

/**
 * Every call of the function named `name` (`new` of its class for a
 * constructor), or `escapes` when it is also used otherwise (passed around),
 * so that its callers cannot all be seen.
 */
function findCallSites(
  program: ts.Program,
  checker: ts.TypeChecker,
  name: ts.Identifier,
): CallSite[] | 'escapes' {
  const resolveSymbol = (id: ts.Node) => {
    const symbol = checker.getSymbolAtLocation(id);
    return symbol && symbol.flags & ts.SymbolFlags.Alias
      ? checker.getAliasedSymbol(symbol)
      : symbol;
  };
  const target = resolveSymbol(name);
  const sites: CallSite[] = [];
  let escapes = false;
  const visit = (node: ts.Node): void => {
    if (
      ts.isIdentifier(node) &&
      node !== name &&
      node.text === name.text &&
      resolveSymbol(node) === target
    ) {
      const parent = node.parent;
      const callee =
        ts.isPropertyAccessExpression(parent) && parent.name === node
          ? parent
          : node;
      const site = callee.parent;
      if (
        (ts.isCallExpression(site) || ts.isNewExpression(site)) &&
        site.expression === callee
      ) {
        sites.push(site);
      } else if (!onlyNames(node)) {
        escapes = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  program.getSourceFiles().forEach(visit);
  return escapes ? 'escapes' : sites;
}

/**
 * A TypeScript program over just the given files (no libraries, no other
 * packages): enough to resolve identifiers to their declarations across the
 * files, including imports through the given package aliases; and a lookup
 * of the call sites of a function.
 */
export function createReadProgram(
  files: SourceText[],
  aliases: Record<string, string>,
) {
  const texts = new Map(files.map(f => [path.resolve(f.fileName), f.text]));
  const options: ts.CompilerOptions = {
    noLib: true,
    types: [],
    jsx: ts.JsxEmit.Preserve,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
  };
  const program = ts.createProgram(
    [...texts.keys()],
    options,
    createHost(texts, aliases),
  );
  const checker = program.getTypeChecker();
  const cache = new Map<ts.Node, CallSite[] | 'escapes'>();
  const callSitesOf = (fn: ts.SignatureDeclaration) => {
    const name = nameOf(fn);
    if (!name) return 'escapes' as const;
    if (!cache.has(fn)) cache.set(fn, findCallSites(program, checker, name));
    return cache.get(fn)!;
  };
  return { program, checker, callSitesOf };
}
