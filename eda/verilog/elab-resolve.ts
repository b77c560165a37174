/**
 * Resolving hierarchical names (IEEE 1364-2005 12.5-12.7) on the elaborated scope tree: the
 * first part is looked for in the referencing scope and the scopes around it, then as an
 * instance or module name up the instance tree, then as a top-level module.
 */
import type { Expr } from './ast.ts';
import { pathParts, type InstanceNode, type PathPart, type Resolution, type Scope, type Sym } from './elab-scope.ts';

export type IndexEvaluator = (index: Expr, scope: Scope) => number | undefined;

const opensScope = (s: Sym) => s.kind === 'instance' || s.kind === 'block' || s.kind === 'generate' || s.kind === 'function' || s.kind === 'task';

/** The symbol a (possibly hierarchical) name refers to from `from`. */
export function resolveName(e: Expr, from: Scope, evalIndex: IndexEvaluator): Resolution | undefined {
  const parts = pathParts(e);
  if (!parts) return undefined;
  return resolveParts(parts, from, evalIndex);
}

export function resolveParts(parts: PathPart[], from: Scope, evalIndex: IndexEvaluator): Resolution {
  const [first, ...rest] = parts;
  if (rest.length === 0) {
    const sym = from.lookup(first.name);
    if (!sym) return { missing: first.name };
    return first.index === undefined ? { found: sym, scope: from } : element(sym, first, from, from, evalIndex);
  }
  const local = from.lookup(first.name);
  if (local && opensScope(local)) return descend(local, first, rest, from, evalIndex);
  // Upwards: an enclosing instance by its instance or module name, or a name in an enclosing instance's scope.
  for (let node: InstanceNode | undefined = from.instance; node; node = node.parent) {
    if (first.index === undefined && (node.name === first.name || node.def.name === first.name)) return descendFrom(node.scope, rest, from, evalIndex);
    const parentScope = node.parentScope;
    if (!parentScope) continue;
    const sym = parentScope.lookup(first.name);
    if (sym && opensScope(sym)) return descend(sym, first, rest, parentScope, evalIndex);
  }
  for (const top of from.instance.design.tops) {
    if (top.def.name === first.name && first.index === undefined) return descendFrom(top.scope, rest, from, evalIndex);
  }
  return { missing: first.name };
}

/** Continues from symbol `sym` (matched by `part`) into the rest of the path. */
function descend(sym: Sym, part: PathPart, rest: PathPart[], from: Scope, evalIndex: IndexEvaluator): Resolution {
  if (part.index !== undefined) {
    if (!sym.elements) return { missing: `${part.name}[...]` };
    const k = evalIndex(part.index, from);
    if (k === undefined) return { opaque: true };
    if (!sym.elements.has(k)) return { missing: `${part.name}[${k}]` };
    const element = sym.elements.get(k);
    if (element === undefined) return { opaque: true };
    return descendFrom('def' in element ? element.scope : element, rest, from, evalIndex);
  }
  if (sym.kind === 'instance') return sym.child ? descendFrom(sym.child.scope, rest, from, evalIndex) : { opaque: true };
  if (sym.elements) return { missing: `${part.name} without an index` };
  return sym.scope ? descendFrom(sym.scope, rest, from, evalIndex) : { opaque: true };
}

function descendFrom(scope: Scope, parts: PathPart[], from: Scope, evalIndex: IndexEvaluator): Resolution {
  if (parts.length === 0) return { missing: '' };
  const [part, ...rest] = parts;
  const sym = scope.symbols.get(part.name);
  if (!sym) return { missing: `${scope.instance.path}${scope.prefix ? `.${scope.prefix.slice(0, -1)}` : ''}.${part.name}` };
  if (rest.length === 0 && part.index === undefined) return { found: sym, scope };
  if (!opensScope(sym)) return rest.length === 0 ? { found: sym, scope } : { missing: `${part.name}.${rest[0].name}` };
  if (rest.length === 0) return element(sym, part, scope, from, evalIndex);
  return descend(sym, part, rest, from, evalIndex);
}

/** `u[2]` or `g[1]` as the last part of a name: the element of an instance array or generate loop. */
function element(sym: Sym, part: PathPart, scope: Scope, from: Scope, evalIndex: IndexEvaluator): Resolution {
  if (!sym.elements || part.index === undefined) return { missing: `${part.name}[...]` };
  const k = evalIndex(part.index, from);
  if (k === undefined) return { opaque: true };
  if (!sym.elements.has(k)) return { missing: `${part.name}[${k}]` };
  const e = sym.elements.get(k);
  return e === undefined ? { opaque: true } : { found: sym, scope, element: e };
}
