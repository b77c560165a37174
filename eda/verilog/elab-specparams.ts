/**
 * Specify parameters (IEEE 1364-2005 4.10.3). Those declared in a module body are parameter
 * declarations already; those declared inside a specify block (kept as its tokens) are read
 * here. Either kind has a value and, as iverilog allows, may be read anywhere in the module;
 * 4.10.3 forbids a module parameter's value to use one, so that is a warning.
 */
import type { Expr, Loc, ModuleItem } from './ast.ts';
import type { Elaborator } from './elaborate.ts';
import { declareParameters } from './elab-declare.ts';
import type { Scope } from './elab-scope.ts';
import { parseVerilog } from './parse.ts';

type ParamDecl = ModuleItem & { kind: 'param-decl' };

/** Declares the `specparam` statements of a specify block in `scope` (positions: the block's). */
export function declareSpecifyParameters(el: Elaborator, item: ModuleItem & { kind: 'specify' }, scope: Scope): void {
  const t = item.tokens;
  for (let k = t.indexOf('specparam'); k >= 0; k = t.indexOf('specparam', k + 1)) {
    const end = t.indexOf(';', k);
    if (end < 0) return;
    const parsed = parseVerilog(`module specify_block; ${t.slice(k, end + 1).join(' ')} endmodule`, item.loc.file);
    const m = parsed.ast.descriptions[0];
    const decl = parsed.diagnostics.length === 0 && m && 'items' in m ? m.items[0] : undefined;
    // The statement parsed on its own (a syntax error inside specify blocks is not reported here).
    if (decl?.kind !== 'param-decl') continue;
    declareParameters(el, relocate(decl, item.loc), scope, undefined, true);
  }
}

function relocate(decl: ParamDecl, loc: Loc): ParamDecl {
  return { ...decl, loc, declarators: decl.declarators.map((d) => ({ ...d, loc, ...(d.init ? { init: relocateExpr(d.init, loc) } : {}) })) };
}

/** The expression with every position set to `loc` (the specify block's), recursively. */
function relocateExpr<T>(e: T, loc: Loc): T {
  if (Array.isArray(e)) return e.map((x) => relocateExpr(x, loc)) as T;
  if (e === null || typeof e !== 'object') return e;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) out[k] = k === 'loc' ? loc : relocateExpr(v, loc);
  return out as T;
}

/** Warns when a module parameter's value (not a specparam's) reads a specparam. */
export function warnSpecparamInParameter(el: Elaborator, decl: ParamDecl, init: Expr, scope: Scope): void {
  if (decl.specparam) return;
  for (const id of namesIn(init)) {
    if (scope.lookup(id.name)?.kind !== 'specparam') continue;
    el.sink.warning(id.loc.file, id.loc.line, id.loc.col, `parameter value reads specparam '${id.name}' (IEEE 1364-2005 4.10.3 forbids it; accepted as iverilog does)`);
  }
}

function namesIn(e: Expr | null | undefined): { name: string; loc: Loc }[] {
  if (!e) return [];
  switch (e.kind) {
    case 'id': return [{ name: e.name, loc: e.loc }];
    case 'unary': return namesIn(e.arg);
    case 'binary': return [...namesIn(e.left), ...namesIn(e.right)];
    case 'cond': return [...namesIn(e.cond), ...namesIn(e.then), ...namesIn(e.else)];
    case 'concat': return e.parts.flatMap(namesIn);
    case 'repeat': return [...namesIn(e.count), ...e.parts.flatMap(namesIn)];
    case 'index': return [...namesIn(e.base), ...namesIn(e.index)];
    case 'part': return [...namesIn(e.base), ...namesIn(e.left), ...namesIn(e.right)];
    case 'call': return e.args.flatMap(namesIn);
    case 'mintypmax': return [...namesIn(e.min), ...namesIn(e.typ), ...namesIn(e.max)];
    case 'incdec': return namesIn(e.target);
    default: return [];
  }
}
