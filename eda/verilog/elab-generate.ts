/**
 * Generate constructs (IEEE 1364-2005 12.4): loops unrolled into one scope per iteration
 * (`g[0]`, `g[1]`), conditionals and case elaborating only the chosen block, unnamed blocks named
 * `genblk<n>` after the number of their construct in the enclosing scope, with zeros before the
 * number while an explicitly declared name of that scope has it (`genblk01`; 12.4.3). A conditional
 * construct that is the only item of a branch (an `else if` chain) adds no scope of its own.
 */
import type { ModuleItem, Stmt } from './ast.ts';
import { resize, type ConstValue } from './const-eval.ts';
import { at, type Elaborator } from './elaborate.ts';
import { declare, declareItems } from './elab-declare.ts';
import { Scope, type Sym } from './elab-scope.ts';

type GenerateItem = ModuleItem & { kind: 'gen-block' | 'gen-if' | 'gen-case' | 'gen-for' };

export const maxGenerateIterations = 1 << 16;

export function declareGenerate(el: Elaborator, item: GenerateItem, scope: Scope): void {
  if (item.kind === 'gen-block') {
    // A bare block in a generate region.
    const n = item.name === undefined ? ++scope.generateCount : 0;
    openBlock(el, item, scope, item.name ?? generatedName(scope, n));
    return;
  }
  const n = ++scope.generateCount;
  if (item.kind === 'gen-for') loop(el, item, scope, n);
  else conditional(el, item, scope, n);
}

/** A generate if or case: elaborates the chosen branch under construct number `n`. */
function conditional(el: Elaborator, item: ModuleItem & { kind: 'gen-if' | 'gen-case' }, scope: Scope, n: number): void {
  let chosen: ModuleItem | undefined;
  if (item.kind === 'gen-if') {
    const c = el.constant(item.cond, scope, 'generate condition');
    if (c === undefined) return;
    chosen = truth(c) ? item.then : item.else;
  } else {
    const v = el.constant(item.expr, scope, 'generate case expression');
    if (v === undefined) return;
    let arm: (typeof item.items)[number] | undefined;
    for (const it of item.items) {
      for (const label of it.labels) {
        const l = el.constant(label, scope, 'generate case item');
        if (l !== undefined && !arm && equal(v, l)) arm = it;
      }
    }
    chosen = (arm ?? item.items.find((it) => it.labels.length === 0))?.body;
  }
  if (!chosen) return;
  if (chosen.kind === 'gen-if' || chosen.kind === 'gen-case') conditional(el, chosen, scope, n);
  else if (chosen.kind === 'gen-block') openBlock(el, chosen, scope, chosen.name ?? generatedName(scope, n));
  else openBlock(el, { kind: 'gen-block', items: [chosen], attrs: [], loc: chosen.loc }, scope, generatedName(scope, n));
}

function openBlock(el: Elaborator, block: ModuleItem & { kind: 'gen-block' }, scope: Scope, name: string): void {
  const inner = new Scope('generate', name, scope, scope.instance, new Map());
  const sym: Sym = { name, kind: 'generate', loc: block.loc, scope: inner };
  if (!declare(el, scope, sym)) return;
  declareItems(el, block.items, inner);
}

function loop(el: Elaborator, item: ModuleItem & { kind: 'gen-for' }, scope: Scope, n: number): void {
  const genvar = item.init.name;
  if (!item.declaresGenvar) {
    const sym = scope.lookup(genvar);
    if (sym?.kind !== 'genvar') {
      at(el.sink, item.loc, sym ? `'${genvar}' is not a genvar: a generate loop needs one` : `'${genvar}' is not declared: a generate loop needs a genvar`);
      return;
    }
  }
  if (item.step.name !== genvar) {
    at(el.sink, item.loc, `the generate loop's step assigns '${item.step.name}', not its genvar '${genvar}'`);
    return;
  }
  const body = item.body;
  const name = body.kind === 'gen-block' && body.name !== undefined ? body.name : generatedName(scope, n);
  const sym: Sym = { name, kind: 'generate', loc: item.loc, elements: new Map() };
  if (!declare(el, scope, sym)) return;
  // The loop header is evaluated in a scope of its own that holds the genvar.
  const header = new Scope('generate', '', scope, scope.instance, new Map());
  header.symbols.set(genvar, { name: genvar, kind: 'genvar', loc: item.loc });
  let v = el.constant(item.init.value, scope, 'generate loop start');
  const seen = new Set<bigint>();
  while (v !== undefined) {
    const value = resize(v, 32, true);
    if (value.unknown) { at(el.sink, item.init.value.loc, `genvar '${genvar}' would take a value with x or z bits`); return; }
    header.env.set(genvar, value);
    const c = el.constant(item.cond, header, 'generate loop condition');
    if (c === undefined || !truth(c)) return;
    if (seen.has(value.value)) { at(el.sink, item.loc, `genvar '${genvar}' takes the value ${value.value} twice: the loop never ends`); return; }
    seen.add(value.value);
    el.budget.spend(1, item.loc);
    if (seen.size > maxGenerateIterations) { at(el.sink, item.loc, `generate loop runs more than ${maxGenerateIterations} times`); return; }
    const k = Number(value.value);
    const iteration = new Scope('generate', `${name}[${k}]`, scope, scope.instance, new Map([[genvar, value]]));
    iteration.symbols.set(genvar, { name: genvar, kind: 'genvar', loc: item.loc, value });
    sym.elements!.set(k, iteration);
    declareItems(el, body.kind === 'gen-block' ? body.items : [body], iteration);
    v = el.constant(item.step.value, header, 'generate loop step');
  }
}

/** `genblk<n>`, with zeros put before the number while an explicit name in the scope has it (12.4.3). */
function generatedName(scope: Scope, n: number): string {
  let zeros = '';
  while (scope.explicitNames.has(`genblk${zeros}${n}`)) zeros += '0';
  return `genblk${zeros}${n}`;
}

/** Adds the names `items` declare in their own scope (named generate blocks of every branch included). */
export function noteExplicitNames(items: readonly (ModuleItem | undefined)[], into: Set<string>): void {
  for (const i of items) {
    if (!i) continue;
    switch (i.kind) {
      case 'generate': noteExplicitNames(i.items, into); break;
      case 'gen-block': if (i.name !== undefined) into.add(i.name); break;
      case 'gen-for': if (i.body.kind === 'gen-block' && i.body.name !== undefined) into.add(i.body.name); break;
      case 'gen-if': noteExplicitNames([i.then, i.else], into); break;
      case 'gen-case': noteExplicitNames(i.items.map((c) => c.body), into); break;
      case 'net-decl': case 'port-decl': case 'param-decl': for (const d of i.declarators) into.add(d.name); break;
      case 'instance': for (const x of i.instances) if (x.name !== undefined) into.add(x.name); break;
      case 'function': case 'task': into.add(i.name); break;
      case 'process': noteBlockNames(i.body, into); break;
      default: break;
    }
  }
}

/** Named blocks of a process body that live in the enclosing scope (not inside another named block). */
function noteBlockNames(s: Stmt | undefined, into: Set<string>): void {
  if (!s) return;
  switch (s.kind) {
    case 'block':
      if (s.name !== undefined) into.add(s.name);
      else for (const b of s.body) noteBlockNames(b, into);
      return;
    case 'if': noteBlockNames(s.then, into); noteBlockNames(s.else, into); return;
    case 'case': for (const it of s.items) noteBlockNames(it.body, into); return;
    case 'for': case 'while': case 'repeat': case 'forever': case 'wait': case 'timed': noteBlockNames(s.body, into); return;
    default: return;
  }
}

function truth(v: ConstValue): boolean {
  return v.real !== undefined ? v.real !== 0 : ((v.value & ((1n << BigInt(v.width)) - 1n)) & ~(v.unknown ?? 0n)) !== 0n;
}

function equal(a: ConstValue, b: ConstValue): boolean {
  if (a.real !== undefined || b.real !== undefined) return (a.real ?? Number(a.value)) === (b.real ?? Number(b.value));
  const w = Math.max(a.width, b.width);
  const x = resize(a, w, false);
  const y = resize(b, w, false);
  return x.value === y.value && (x.unknown ?? 0n) === (y.unknown ?? 0n);
}
