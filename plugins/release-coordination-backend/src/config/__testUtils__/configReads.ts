import ts from 'typescript';
import {
  ARRAY_METHODS,
  ConfigEvaluator,
  Context,
  NeedsCallers,
  SECTION_METHODS,
  SHARED_METHODS,
  Unresolved,
  VALUE_METHODS,
} from './evaluator';
import { CallSite, createReadProgram, SourceText } from './readProgram';

/** A key code reads from the configuration. */
export interface ConfigRead {
  /** Segments; `*` is a key listed by `keys()`, `[]` an item of a config array. */
  path: string[];
  /** The method, e.g. `getOptionalNumber`. */
  method: string;
  /** `getConfig`, `keys`, … read a section; the others read its value. */
  section: boolean;
  fileName: string;
  line: number;
}

/** What a scan found: the reads, and the reads it could not resolve. */
export interface ConfigReadScan {
  reads: ConfigRead[];
  /** `file:line \`code\`: why`, one for each read it could not resolve. */
  unresolved: string[];
}

const READ_METHODS = [
  ...SECTION_METHODS,
  ...ARRAY_METHODS,
  ...VALUE_METHODS,
  ...SHARED_METHODS,
];
const SECTION_READS = [...SECTION_METHODS, ...ARRAY_METHODS, 'keys'];
const MAX_CALL_DEPTH = 20;

class ConfigReadFinder {
  readonly scan: ConfigReadScan = { reads: [], unresolved: [] };
  private readonly evaluator: ConfigEvaluator;

  constructor(
    private readonly program: ts.Program,
    private readonly callSitesOf: (
      fn: ts.SignatureDeclaration,
    ) => CallSite[] | 'escapes',
  ) {
    this.evaluator = new ConfigEvaluator(program.getTypeChecker());
  }

  run() {
    for (const source of this.program.getSourceFiles()) {
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) this.visitCall(node, source);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    return this.scan;
  }

  /** The paths a read reaches in one context of call sites. */
  private readPaths(
    expr: ts.CallExpression,
    callee: ts.PropertyAccessExpression,
    ctx: Context,
  ): string[][] {
    const receiver = this.evaluator.evaluate(callee.expression, ctx);
    if (receiver.kind !== 'config') {
      throw new Unresolved(
        receiver.kind === 'unknown'
          ? receiver.reason
          : `\`${callee.expression.getText()}\` is no config`,
      );
    }
    return this.evaluator.keyedPaths(receiver.paths, expr.arguments[0], ctx);
  }

  /**
   * Evaluates in every combination of call sites of the functions whose
   * parameters the evaluation needs.
   */
  private inAllContexts<T>(
    evaluateIn: (ctx: Context) => T[],
    ctx: Context,
  ): T[] {
    try {
      return evaluateIn(ctx);
    } catch (error) {
      if (!(error instanceof NeedsCallers)) throw error;
      if (ctx.size > MAX_CALL_DEPTH)
        throw new Unresolved('call chain too deep');
      const sites = this.callSitesOf(error.fn);
      if (sites === 'escapes') {
        throw new Unresolved(
          'it depends on a parameter of a function that is passed around, not only called',
        );
      }
      const contexts: Context[] = sites.length
        ? sites.map(site => new Map(ctx).set(error.fn, site))
        : [new Map(ctx).set(error.fn, 'no callers')];
      return contexts.flatMap(c => this.inAllContexts(evaluateIn, c));
    }
  }

  /** Whether `x` of `x.has(…)`, `x.keys()`, `x.get(…)` is a config. */
  private onConfig(callee: ts.PropertyAccessExpression): boolean {
    try {
      return this.inAllContexts(
        ctx => [
          this.evaluator.evaluate(callee.expression, ctx).kind === 'config',
        ],
        new Map(),
      ).some(Boolean);
    } catch (error) {
      if (error instanceof Unresolved) return false;
      throw error;
    }
  }

  private visitCall(expr: ts.CallExpression, source: ts.SourceFile) {
    const callee = expr.expression;
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (!READ_METHODS.includes(method)) return;
    if (SHARED_METHODS.includes(method) && !this.onConfig(callee)) return;
    const line =
      source.getLineAndCharacterOfPosition(expr.getStart(source)).line + 1;
    try {
      const paths = this.inAllContexts(
        ctx => this.readPaths(expr, callee, ctx),
        new Map(),
      );
      const unique = new Map(paths.map(path => [path.join('\n'), path]));
      for (const path of unique.values()) {
        this.scan.reads.push({
          path,
          method,
          section: SECTION_READS.includes(method),
          fileName: source.fileName,
          line,
        });
      }
    } catch (error) {
      if (!(error instanceof Unresolved)) throw error;
      this.scan.unresolved.push(
        `${source.fileName}:${line} \`${expr.getText()}\`: ${error.message}`,
      );
    }
  }
}

/**
 * Finds the configuration keys the given sources read through Backstage's
 * `Config` (`getOptionalNumber`, `getOptionalConfig`, `keys`, …), following
 * constants (also imported ones), template strings, sub-configs held in
 * variables, items of config arrays, keys listed with `keys()`, and
 * parameters through the call sites of their function. A read it cannot
 * resolve is listed in `unresolved` rather than left out.
 *
 * @param aliases - package names mapped to the file they resolve to
 */
export function findConfigReads(
  files: SourceText[],
  aliases: Record<string, string> = {},
): ConfigReadScan {
  const { program, callSitesOf } = createReadProgram(files, aliases);
  return new ConfigReadFinder(program, callSitesOf).run();
}
