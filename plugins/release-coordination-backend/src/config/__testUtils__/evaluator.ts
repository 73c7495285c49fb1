import ts from 'typescript';
import { ANY_ITEM, ANY_KEY } from './declaredKeys';
import { CallSite } from './readProgram';

export const SECTION_METHODS = ['getConfig', 'getOptionalConfig'];
export const ARRAY_METHODS = ['getConfigArray', 'getOptionalConfigArray'];
export const VALUE_METHODS = [
  'getOptional',
  'getNumber',
  'getOptionalNumber',
  'getBoolean',
  'getOptionalBoolean',
  'getString',
  'getOptionalString',
  'getStringArray',
  'getOptionalStringArray',
];
/** Also methods of Map, Set, …: reads only when called on a config. */
export const SHARED_METHODS = ['get', 'has', 'keys'];
const CONFIG_TYPES = ['Config', 'RootConfigService', 'ConfigApi'];
const CONFIG_REFS = ['coreServices.rootConfig', 'configApiRef'];
const ITERATORS = ['map', 'flatMap', 'forEach', 'filter', 'some', 'every'];

/** What an expression may hold. */
export type Value =
  | { kind: 'strings'; values: string[] }
  | { kind: 'stringList'; values: string[] }
  | { kind: 'config'; paths: string[][] }
  | { kind: 'configArray'; paths: string[][] }
  | { kind: 'nothing' }
  | { kind: 'unknown'; reason: string };

/** Which call site each function under evaluation was called from. */
export type Context = Map<ts.Node, CallSite | 'no callers'>;

/** Thrown when a value depends on a parameter of a function not yet given a call site. */
export class NeedsCallers extends Error {
  constructor(readonly fn: ts.SignatureDeclaration) {
    super('needs callers');
  }
}

/** Thrown when a read cannot be resolved; the message says why. */
export class Unresolved extends Error {}

const unknown = (reason: string): Value => ({ kind: 'unknown', reason });
const ROOT: Value = { kind: 'config', paths: [[]] };

function isConfigType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.some(isConfigType);
  if (!ts.isTypeReferenceNode(type)) return false;
  const name = ts.isIdentifier(type.typeName)
    ? type.typeName.text
    : type.typeName.right.text;
  return CONFIG_TYPES.includes(name);
}

function unwrap(expr: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(expr) ||
    ts.isAsExpression(expr) ||
    ts.isNonNullExpression(expr) ||
    ts.isSatisfiesExpression(expr) ||
    ts.isTypeAssertionExpression(expr)
    ? unwrap(expr.expression)
    : expr;
}

function product(parts: string[][]): string[] {
  return parts.reduce<string[]>(
    (acc, options) => acc.flatMap(a => options.map(o => a + o)),
    [''],
  );
}

function join(a: Value, b: Value): Value {
  if (a.kind === 'nothing' || (a.kind === 'stringList' && !a.values.length)) {
    return b;
  }
  if (b.kind === 'nothing' || (b.kind === 'stringList' && !b.values.length)) {
    return a;
  }
  if (a.kind === 'unknown') return a;
  if (b.kind === 'unknown') return b;
  if (a.kind !== b.kind) return unknown(`mixes ${a.kind} and ${b.kind}`);
  if ('paths' in a && 'paths' in b) {
    return { kind: a.kind, paths: [...a.paths, ...b.paths] } as Value;
  }
  if ('values' in a && 'values' in b) {
    return { kind: a.kind, values: [...a.values, ...b.values] } as Value;
  }
  return a;
}

/**
 * Evaluates expressions of a program to the strings (keys) and configs
 * (paths of sub-configs) they may hold, in a context of call sites for the
 * parameters they depend on; {@link NeedsCallers} asks for a call site.
 */
export class ConfigEvaluator {
  constructor(private readonly checker: ts.TypeChecker) {}

  private declarationOf(id: ts.Node): ts.Declaration | undefined {
    let symbol = this.checker.getSymbolAtLocation(id);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      symbol = this.checker.getAliasedSymbol(symbol);
    }
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  }

  private memberOfType(node: ts.Node, name: string): Value {
    const property = this.checker.getTypeAtLocation(node).getProperty(name);
    const declaration = property?.valueDeclaration;
    return declaration &&
      (ts.isPropertySignature(declaration) ||
        ts.isPropertyDeclaration(declaration) ||
        ts.isParameter(declaration)) &&
      isConfigType(declaration.type)
      ? ROOT
      : unknown(`cannot tell what \`${name}\` is`);
  }

  evaluate(node: ts.Expression, ctx: Context): Value {
    const expr = unwrap(node);
    if (ts.isStringLiteralLike(expr)) {
      return { kind: 'strings', values: [expr.text] };
    }
    if (ts.isTemplateExpression(expr)) {
      const parts = [[expr.head.text]];
      for (const span of expr.templateSpans) {
        const value = this.evaluate(span.expression, ctx);
        if (value.kind !== 'strings')
          return this.asUnknown(value, span.expression);
        parts.push(value.values, [span.literal.text]);
      }
      return { kind: 'strings', values: product(parts) };
    }
    if (ts.isArrayLiteralExpression(expr)) return this.arrayLiteral(expr, ctx);
    if (ts.isBinaryExpression(expr)) return this.binary(expr, ctx);
    if (ts.isConditionalExpression(expr)) {
      return join(
        this.evaluate(expr.whenTrue, ctx),
        this.evaluate(expr.whenFalse, ctx),
      );
    }
    if (CONFIG_REFS.includes(expr.getText())) return ROOT;
    if (ts.isIdentifier(expr)) return this.identifier(expr, ctx);
    if (ts.isPropertyAccessExpression(expr)) {
      return this.memberOfType(expr.expression, expr.name.text);
    }
    if (ts.isCallExpression(expr)) return this.call(expr, ctx);
    return unknown(`cannot evaluate \`${expr.getText()}\``);
  }

  private asUnknown(value: Value, expr: ts.Node): Value {
    return value.kind === 'unknown'
      ? value
      : unknown(`\`${expr.getText()}\` is no string`);
  }

  private arrayLiteral(expr: ts.ArrayLiteralExpression, ctx: Context): Value {
    const values: string[] = [];
    for (const element of expr.elements) {
      const value = this.evaluate(element, ctx);
      if (value.kind !== 'strings') return this.asUnknown(value, element);
      values.push(...value.values);
    }
    return { kind: 'stringList', values };
  }

  private binary(expr: ts.BinaryExpression, ctx: Context): Value {
    const op = expr.operatorToken.kind;
    const left = this.evaluate(expr.left, ctx);
    const right = this.evaluate(expr.right, ctx);
    if (
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.BarBarToken
    ) {
      return join(left, right);
    }
    if (
      op === ts.SyntaxKind.PlusToken &&
      left.kind === 'strings' &&
      right.kind === 'strings'
    ) {
      return { kind: 'strings', values: product([left.values, right.values]) };
    }
    return unknown(`cannot evaluate \`${expr.getText()}\``);
  }

  private call(expr: ts.CallExpression, ctx: Context): Value {
    const callee = expr.expression;
    if (ts.isIdentifier(callee) && callee.text === 'useApi') {
      return this.evaluate(expr.arguments[0], ctx);
    }
    if (!ts.isPropertyAccessExpression(callee)) {
      return unknown(`\`${callee.getText()}(…)\` is no config`);
    }
    const method = callee.name.text;
    if (![...SECTION_METHODS, ...ARRAY_METHODS, 'keys'].includes(method)) {
      return unknown(`\`${callee.getText()}(…)\` is no config`);
    }
    const receiver = this.evaluate(callee.expression, ctx);
    if (receiver.kind !== 'config') {
      return this.asUnknown(receiver, callee.expression);
    }
    if (method === 'keys') return { kind: 'stringList', values: [ANY_KEY] };
    const paths = this.keyedPaths(receiver.paths, expr.arguments[0], ctx);
    return ARRAY_METHODS.includes(method)
      ? { kind: 'configArray', paths }
      : { kind: 'config', paths };
  }

  keyedPaths(
    paths: string[][],
    key: ts.Expression | undefined,
    ctx: Context,
  ): string[][] {
    if (!key) return paths;
    const keys = this.evaluate(key, ctx);
    if (keys.kind !== 'strings') {
      throw new Unresolved(
        keys.kind === 'unknown' ? keys.reason : `${key.getText()} is no key`,
      );
    }
    return paths.flatMap(path =>
      keys.values.map(k => [...path, ...k.split('.')]),
    );
  }

  private identifier(id: ts.Identifier, ctx: Context): Value {
    if (id.text === 'undefined') return { kind: 'nothing' };
    const declaration = this.declarationOf(id);
    if (!declaration) return unknown(`cannot resolve \`${id.text}\``);
    if (ts.isVariableDeclaration(declaration)) {
      return this.variable(declaration, ctx);
    }
    if (ts.isParameter(declaration)) return this.parameter(declaration, ctx);
    if (ts.isBindingElement(declaration))
      return this.bindingElement(declaration);
    if (
      (ts.isPropertySignature(declaration) ||
        ts.isPropertyDeclaration(declaration)) &&
      isConfigType(declaration.type)
    ) {
      return ROOT;
    }
    return unknown(`cannot evaluate \`${id.text}\``);
  }

  private variable(declaration: ts.VariableDeclaration, ctx: Context): Value {
    const list = declaration.parent;
    if (ts.isForOfStatement(list.parent)) {
      const items = this.evaluate(list.parent.expression, ctx);
      if (items.kind === 'stringList') {
        return { kind: 'strings', values: items.values };
      }
      if (items.kind === 'configArray') {
        return {
          kind: 'config',
          paths: items.paths.map(p => [...p, ANY_ITEM]),
        };
      }
      return this.asUnknown(items, list.parent.expression);
    }
    if (!(list.flags & ts.NodeFlags.Const)) {
      return unknown(`\`${declaration.name.getText()}\` is no const`);
    }
    return declaration.initializer
      ? this.evaluate(declaration.initializer, ctx)
      : unknown(`\`${declaration.name.getText()}\` has no value`);
  }

  private parameter(declaration: ts.ParameterDeclaration, ctx: Context): Value {
    const fn = declaration.parent;
    const index = fn.parameters.indexOf(declaration);
    const outer = fn.parent;
    if (
      (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
      ts.isCallExpression(outer) &&
      outer.arguments.includes(fn) &&
      ts.isPropertyAccessExpression(outer.expression) &&
      ITERATORS.includes(outer.expression.name.text)
    ) {
      // an item of a list: `items.map(item => …)`
      const items = this.evaluate(outer.expression.expression, ctx);
      if (index === 0 && items.kind === 'configArray') {
        return {
          kind: 'config',
          paths: items.paths.map(p => [...p, ANY_ITEM]),
        };
      }
      if (index === 0 && items.kind === 'stringList') {
        return { kind: 'strings', values: items.values };
      }
      return unknown(`\`${declaration.name.getText()}\` is no config item`);
    }
    if (
      declaration.type &&
      ts.isTypeReferenceNode(declaration.type) &&
      !isConfigType(declaration.type)
    ) {
      return unknown(`\`${declaration.name.getText()}\` is no config`);
    }
    const site = ctx.get(fn);
    if (!site) throw new NeedsCallers(fn);
    if (site === 'no callers') {
      return isConfigType(declaration.type)
        ? ROOT
        : unknown(`nothing calls the function of \`${declaration.getText()}\``);
    }
    const argument = site.arguments?.[index];
    return argument
      ? this.evaluate(argument, ctx)
      : unknown(`no argument for \`${declaration.getText()}\``);
  }

  private bindingElement(element: ts.BindingElement): Value {
    const name = (element.propertyName ?? element.name).getText();
    const holder = element.parent.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer) {
      return this.memberOfType(holder.initializer, name);
    }
    if (ts.isParameter(holder)) {
      if (holder.type) return this.memberOfType(holder.type, name);
      // `init({ config })` or `factory({ configApi })` beside `deps: { config: … }`
      let owner = holder.parent.parent;
      if (ts.isPropertyAssignment(owner)) owner = owner.parent;
      const deps = ts.isObjectLiteralExpression(owner)
        ? owner.properties.find(p => p.name?.getText() === 'deps')
        : undefined;
      const dep =
        deps &&
        ts.isPropertyAssignment(deps) &&
        ts.isObjectLiteralExpression(deps.initializer)
          ? deps.initializer.properties.find(p => p.name?.getText() === name)
          : undefined;
      if (dep && ts.isPropertyAssignment(dep)) {
        return CONFIG_REFS.includes(dep.initializer.getText())
          ? ROOT
          : unknown(`\`${name}\` is no config`);
      }
    }
    return unknown(`cannot tell what \`${name}\` is`);
  }
}
