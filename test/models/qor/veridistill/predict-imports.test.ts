// A one-file `tessera predict qor` in a fresh process mostly waits for module loading, so its static
// import graph (what loads before the first prediction) must stay free of what prediction never
// uses: the simulator and the hardware model (through models/common's GEMM backends), the STA
// library (through eda/synth's index), VeriDistill's training and labelling code, and the full
// @tensorflow/tfjs package imported as an ES module (models/common/tfjs.cjs requires it instead).
// Dynamic `import()`s (--corpus, --compare) are not followed: they load only when used.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../../util/index.ts';

interface Graph {
  /** Repository files reached, relative to the root. */
  files: Set<string>;
  /** Packages reached, with how: `import` from an ES module or `require` from a CommonJS file. */
  packages: Set<string>;
}

const typeOnlyImport = (d: ts.ImportDeclaration) => {
  const c = d.importClause;
  if (!c) return false; // `import 'x'`: a side effect
  if (c.isTypeOnly) return true;
  const named = c.namedBindings;
  return !c.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
};

const typeOnlyExport = (d: ts.ExportDeclaration) =>
  d.isTypeOnly || (d.exportClause !== undefined && ts.isNamedExports(d.exportClause) && d.exportClause.elements.length > 0 && d.exportClause.elements.every((e) => e.isTypeOnly));

/** The module specifiers a file loads when it is evaluated (static imports, re-exports, top-level require). */
function runtimeSpecifiers(file: string): { specifier: string; how: 'import' | 'require' }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { specifier: string; how: 'import' | 'require' }[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && !typeOnlyImport(s) && ts.isStringLiteral(s.moduleSpecifier)) out.push({ specifier: s.moduleSpecifier.text, how: 'import' });
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && !typeOnlyExport(s) && ts.isStringLiteral(s.moduleSpecifier)) out.push({ specifier: s.moduleSpecifier.text, how: 'import' });
  }
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0])) {
      out.push({ specifier: n.arguments[0].text, how: 'require' });
    }
    ts.forEachChild(n, visit);
  };
  if (file.endsWith('.cjs')) visit(source);
  return out;
}

function importGraph(root: string, entry: string): Graph {
  const graph: Graph = { files: new Set(), packages: new Set() };
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const rel = relative(root, file);
    if (graph.files.has(rel)) continue;
    graph.files.add(rel);
    for (const { specifier, how } of runtimeSpecifiers(file)) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        graph.packages.add(`${how} ${specifier}`);
        continue;
      }
      const target = join(dirname(file), specifier);
      expect(existsSync(target), `${rel} imports ${specifier}, which does not exist`).toBe(true);
      pending.push(target);
    }
  }
  return graph;
}

describe('what a one-file `tessera predict qor` loads', () => {
  it('reaches the model, the front-end and the tfjs wasm backend only', () => {
    const { files, packages } = importGraph(projectRoot(), 'cli/commands/predict-qor.ts');
    const list = [...files].sort();
    // The walk itself works: the pieces prediction needs are reached.
    for (const needed of ['models/qor/veridistill/model.ts', 'models/qor/veridistill/encoder.ts', 'models/common/backend.ts', 'models/common/tfjs.cjs', 'eda/verilog/parse.ts']) {
      expect(list).toContain(needed);
    }
    const unwanted = list.filter((f) =>
      /^(hw|sim|hdl-gen|queue)\//.test(f) ||
      /^eda\/(timing|aig|dataset|place|route-estimate)\//.test(f) ||
      f === 'eda/synth/index.ts' || f === 'eda/synth/synthesize.ts' ||
      f === 'models/common/index.ts' || f.startsWith('models/common/gemm/') || f === 'models/common/train-loop.ts' ||
      /^models\/qor\/veridistill\/(index|train|pretrain|teacher|decoder-training|labels|label-task|corpus|corpus-variants|yosys-qor|qor-flow|metrics-table)\.ts$/.test(f) ||
      (f.startsWith('models/') && !f.startsWith('models/common/') && !f.startsWith('models/qor/veridistill/')));
    expect(unwanted).toEqual([]);
    // tfjs comes in through models/common/tfjs.cjs's require only; no ES module imports a tfjs package.
    expect([...packages].filter((p) => p.startsWith('import @tensorflow/'))).toEqual([]);
    expect(packages).toContain('require @tensorflow/tfjs');
  });
});
