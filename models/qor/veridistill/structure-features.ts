// Structure of the RTL from the in-repo front-end, for the student: the design is parsed and
// elaborated (parameters resolved, generate loops unrolled, the instance tree built), then the
// elaborated hierarchy is summed up. Tokens alone do not see that `[DATA_WIDTH-1:0]` is 32 bits
// wide or that a module is instantiated sixteen times; these features do.
import { elaborate, parseVerilog, type ElaboratedInstance, type ModuleDecl } from '../../../eda/verilog/index.ts';

/** Names the feature set; stored in the checkpoint so prediction computes the same vector. */
export const STRUCTURE_FEATURES = 'elaborated-v1';

const OPERATOR_CLASSES: Record<string, readonly string[]> = {
  add: ['+', '-'],
  multiply: ['*'],
  divide: ['/', '%', '**'],
  shift: ['<<', '>>', '<<<', '>>>'],
  compare: ['==', '!=', '===', '!==', '<', '>', '<=', '>='],
  bitwise: ['&', '|', '^', '~', '~^', '^~', '~&', '~|'],
  logical: ['&&', '||', '!'],
  select: ['?:'],
};
const classOf = new Map(Object.entries(OPERATOR_CLASSES).flatMap(([c, ops]) => ops.map((o) => [o, c] as const)));
const classes = Object.keys(OPERATOR_CLASSES);

export const structureFeatureNames = [
  'elaborated', 'instances', 'hierarchy depth', 'leaf cells', 'input bits', 'output bits', 'register bits', 'wire bits', 'memory bits',
  'continuous assigns', 'processes', ...classes.map((c) => `${c} ops`), ...classes.map((c) => `${c} op-bits`), 'multiply op-bits^2',
];

/** Bound on the front-end's work per design (instances, generate iterations): large designs are cut short, not slow. */
const MAX_STEPS = 200_000;

/** AST keys whose expressions are constants of the declaration (widths, array bounds, parameters), not hardware. */
const CONSTANT_KEYS = new Set(['loc', 'range', 'packed', 'dims', 'parameters']);

interface ModuleCounts { operators: Map<string, number>; assigns: number; processes: number }

/** Operators in a module's logic (not in its declarations' constant expressions), continuous assigns, processes. */
function moduleCounts(m: ModuleDecl): ModuleCounts {
  const out: ModuleCounts = { operators: new Map(), assigns: 0, processes: 0 };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    if (!v || typeof v !== 'object') return;
    const node = v as Record<string, unknown> & { kind?: string };
    if (node.kind === 'param-decl') return;
    if (node.kind === 'unary' || node.kind === 'binary' || node.kind === 'cond') {
      const op = node.kind === 'cond' ? '?:' : (node.op as string);
      out.operators.set(op, (out.operators.get(op) ?? 0) + 1);
    }
    if (node.kind === 'assign' && Array.isArray(node.assignments)) out.assigns += node.assignments.length;
    if (node.kind === 'process') out.processes++;
    for (const k in node) if (!CONSTANT_KEYS.has(k)) visit(node[k]);
  };
  visit(m.ports);
  visit(m.items);
  return out;
}

const zeros = () => structureFeatureNames.map(() => 0);

/**
 * log(1 + x) of the elaborated design's totals: instances, depth, bits by kind, and per operator
 * class the operators of every elaborated instance, alone and times the instance's widest net
 * (multiplies also times its square). All zeros, with `elaborated` = 0, if the front-end rejects
 * the text.
 */
export function structureFeatures(text: string, top?: string): number[] {
  try {
    const parsed = parseVerilog(text, 'design.v', { maxSteps: MAX_STEPS });
    const modules = parsed.ast.descriptions.filter((d) => d.kind === 'module').map((d) => (d as { name: string }).name);
    if (modules.length === 0) return zeros();
    const elab = elaborate([parsed.ast], { top: top && modules.includes(top) ? top : undefined, unknownModules: 'blackbox', maxSteps: MAX_STEPS });
    if (elab.tops.length === 0 || parsed.diagnostics.some((d) => d.severity === 'error')) return zeros();
    const stats = new Map(parsed.ast.descriptions.filter((d): d is ModuleDecl => d.kind === 'module').map((m) => [m.name, moduleCounts(m)]));
    const f = new Map<string, number>(structureFeatureNames.map((n) => [n, 0]));
    const add = (name: string, v: number) => f.set(name, f.get(name)! + v);
    let depth = 0;
    const visit = (inst: ElaboratedInstance, level: number) => {
      depth = Math.max(depth, level);
      add('instances', 1);
      if (!inst.defined) { add('leaf cells', 1); return; }
      let widest = 1;
      for (const n of inst.nets) {
        const bits = n.width * n.dims.reduce((a, b) => a * b, 1);
        widest = Math.max(widest, n.width);
        if (n.dims.length > 0) add('memory bits', bits);
        else if (n.kind === 'input') add('input bits', bits);
        else if (n.kind === 'output' || n.kind === 'inout') add('output bits', bits);
        else if (['reg', 'integer', 'time', 'logic'].includes(n.kind)) add('register bits', bits);
        else add('wire bits', bits);
      }
      const s = stats.get(inst.module);
      if (s) {
        add('continuous assigns', s.assigns);
        add('processes', s.processes);
        for (const [op, uses] of s.operators) {
          const c = classOf.get(op);
          if (!c) continue;
          add(`${c} ops`, uses);
          add(`${c} op-bits`, uses * widest);
          if (c === 'multiply') add('multiply op-bits^2', uses * widest * widest);
        }
      }
      for (const child of inst.children) visit(child, level + 1);
    };
    for (const t of elab.tops) visit(t, 1);
    f.set('elaborated', 1);
    f.set('hierarchy depth', depth);
    return structureFeatureNames.map((n) => Math.log1p(f.get(n)!));
  } catch {
    return zeros(); // a text the front-end cannot take still gets a prediction from its tokens
  }
}
