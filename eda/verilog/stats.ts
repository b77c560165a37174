/**
 * Design statistics for `tessera verilog stats`: modules, instances, hierarchy depth, and per
 * module the operators used and the registers declared (bits from the elaborated widths).
 */
import type { ModuleDecl, SourceFile } from './ast.ts';
import type { Elaboration, ElaboratedInstance } from './elaborate.ts';

export interface ModuleStats {
  name: string;
  file: string;
  line: number;
  /** Instance statements' instances in the definition (before generate unrolling). */
  instances: number;
  continuousAssigns: number;
  processes: number;
  /** Operator -> uses in the module's expressions (`?:` for conditionals). */
  operators: Record<string, number>;
  /** `reg` (and integer/time) declarations, and their bits in the first elaborated instance. */
  registers: { declarations: number; bits: number | null };
}

export interface DesignStats {
  files: number;
  modules: ModuleStats[];
  tops: string[];
  /** Longest path from a top to a leaf, counting the top as depth 1. */
  hierarchyDepth: number;
  /** Every instance in the elaborated hierarchy (tops excluded), by module or cell type. */
  elaboratedInstances: number;
  instancesByType: Record<string, number>;
}

export function designStats(sources: SourceFile[], elab: Elaboration): DesignStats {
  const firstInstance = new Map<string, ElaboratedInstance>();
  const byType: Record<string, number> = {};
  let count = 0;
  const depth = (i: ElaboratedInstance): number => {
    if (!firstInstance.has(i.module)) firstInstance.set(i.module, i);
    let deepest = 0;
    for (const c of i.children) {
      count++;
      byType[c.module] = (byType[c.module] ?? 0) + 1;
      deepest = Math.max(deepest, depth(c));
    }
    return deepest + 1;
  };
  const hierarchyDepth = Math.max(0, ...elab.tops.map(depth));
  const modules = sources.flatMap((s) => s.descriptions.filter((d): d is ModuleDecl => d.kind === 'module')).map((m) => moduleStats(m, firstInstance.get(m.name)));
  return { files: sources.length, modules, tops: elab.tops.map((t) => t.module), hierarchyDepth, elaboratedInstances: count, instancesByType: sortedRecord(byType) };
}

function moduleStats(m: ModuleDecl, inst: ElaboratedInstance | undefined): ModuleStats {
  const operators: Record<string, number> = {};
  let instances = 0;
  let continuousAssigns = 0;
  let processes = 0;
  let regDecls = 0;
  const regNames = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    if (!v || typeof v !== 'object') return;
    const node = v as Record<string, unknown> & { kind?: string };
    switch (node.kind) {
      case 'unary':
      case 'binary':
      case 'incdec':
        operators[node.op as string] = (operators[node.op as string] ?? 0) + 1;
        break;
      case 'cond':
        operators['?:'] = (operators['?:'] ?? 0) + 1;
        break;
      case 'instance':
        instances += (node.instances as unknown[]).length;
        break;
      case 'assign':
        if (Array.isArray(node.assignments)) continuousAssigns += node.assignments.length;
        break;
      case 'process':
        processes++;
        break;
    }
    const dt = node.dataType as { type?: string } | undefined;
    if ((node.kind === 'net-decl' || node.kind === 'port-decl') && dt && ['reg', 'integer', 'time', 'logic'].includes(dt.type ?? '')) {
      regDecls++;
      for (const d of node.declarators as { name: string }[]) regNames.add(d.name);
    }
    for (const [k, x] of Object.entries(node)) if (k !== 'loc') visit(x);
  };
  visit(m.ports);
  visit(m.items);
  const bits = inst
    ? inst.nets.filter((n) => regNames.has(n.name)).reduce((s, n) => s + n.width * n.dims.reduce((a, b) => a * b, 1), 0)
    : null;
  return { name: m.name, file: m.loc.file, line: m.loc.line, instances, continuousAssigns, processes, operators: sortedRecord(operators), registers: { declarations: regDecls, bits } };
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
