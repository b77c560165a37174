// `tessera verilog stats FILE... [--json]`: modules, instances, hierarchy depth, per-module
// operator and register counts of the elaborated design.
import { designStats, elaborate, type DesignStats } from '../../eda/verilog/index.ts';
import { defineCommand } from '../command.ts';
import { parseInputs, printDiagnostics, verilogInputFlags } from './verilog-inputs.ts';

export default defineCommand({
  path: ['verilog', 'stats'],
  summary: 'Verilog design statistics: modules, instances, hierarchy depth, per-module operators and registers',
  positionals: 'FILE...',
  details: 'Syntax errors are printed as by `tessera verilog check` and make the exit status 1.',
  flags: [...verilogInputFlags, { name: 'json', kind: 'boolean', help: 'print the statistics as JSON instead of a table' }] as const,
  async run(flags, files) {
    const { results, texts } = parseInputs(files, flags.include, flags.define);
    if (printDiagnostics(results.flatMap((r) => r.diagnostics), texts) > 0) return 1;
    const elab = elaborate(results.map((r) => r.ast), { top: flags.top });
    printDiagnostics(elab.diagnostics, texts);
    const stats = designStats(results.map((r) => r.ast), elab);
    console.log(flags.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
    return elab.diagnostics.length > 0 ? 1 : 0;
  },
});

function formatStats(s: DesignStats): string {
  const lines = [
    `files: ${s.files}   modules: ${s.modules.length}   top: ${s.tops.join(', ') || '(none)'}`,
    `hierarchy depth: ${s.hierarchyDepth}   elaborated instances: ${s.elaboratedInstances}`,
  ];
  const types = Object.entries(s.instancesByType).sort((a, b) => b[1] - a[1]);
  if (types.length > 0) lines.push(`instances by type: ${types.slice(0, 12).map(([t, n]) => `${t} ${n}`).join(', ')}${types.length > 12 ? `, ... (${types.length} types)` : ''}`);
  lines.push('', 'module'.padEnd(28) + 'insts  assigns  procs  regs  reg-bits  operators');
  for (const m of s.modules) {
    const ops = Object.entries(m.operators).sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o}:${n}`).join(' ');
    lines.push(
      `${m.name.slice(0, 27).padEnd(28)}${String(m.instances).padStart(5)}  ${String(m.continuousAssigns).padStart(7)}  ${String(m.processes).padStart(5)}  ` +
        `${String(m.registers.declarations).padStart(4)}  ${String(m.registers.bits ?? '-').padStart(8)}  ${ops}`,
    );
  }
  return lines.join('\n');
}
