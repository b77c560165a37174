/**
 * Which SystemVerilog constructs a parsed file uses (the front-end accepts a small subset:
 * `logic`/`bit` declarations, always_ff/always_comb/always_latch, '0/'1 fill literals, functions
 * and tasks outside modules). An empty list means the file is plain Verilog-2005.
 */
import type { DataType, Expr, ModuleItem, SourceFile, Stmt } from './ast.ts';
import { svTypeNames } from './parser-declarations.ts';

export function systemVerilogFeatures(source: SourceFile): string[] {
  const found = new Set<string>();
  const dataType = (t: DataType | undefined) => {
    if (t?.type && svTypeNames.has(t.type)) found.add(t.type === 'wreal' ? "'wreal' net (Verilog-AMS)" : `'${t.type}' type`);
  };
  const visitValue = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) visitValue(x); return; }
    if (!v || typeof v !== 'object') return;
    const node = v as { kind?: string } & Record<string, unknown>;
    if (node.kind === 'number' && /^'[01xzXZ]$/.test((node as Expr & { kind: 'number' }).text)) found.add("unbased fill literal ('0, '1)");
    if (node.kind === 'process' && (node as ModuleItem & { kind: 'process' }).process.startsWith('always_')) {
      found.add((node as ModuleItem & { kind: 'process' }).process);
    }
    if (node.kind === 'incdec') found.add("'++'/'--' in an expression");
    if (node.kind === 'assign' && 'compound' in node && node.compound) found.add("compound assignment ('+=', 'i++;')");
    if ('dynamic' in node && node.dynamic) found.add("dynamic array '[]'");
    if ('dataType' in node) dataType(node.dataType as DataType);
    if ('returnType' in node) dataType(node.returnType as DataType);
    for (const [k, x] of Object.entries(node)) if (k !== 'loc') visitValue(x as Stmt);
  };
  for (const d of source.descriptions) {
    if (d.kind === 'function' || d.kind === 'task') found.add(`${d.kind} outside a module`);
    visitValue(d);
  }
  return [...found].sort();
}
