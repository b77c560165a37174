import { defineCommand } from '../command.ts';
import { ProgressBar, UserError, projectRoot, writeFileAtomic, writeJsonAtomic, cachedWorkNote, setInterruptNote } from '../../util/index.ts';
import { PE_KIND_IDS, mixpeEvalConfig, parseArraySize, peKind } from '../../hw/index.ts';
import { mixpeEvaluation } from '../../hw/accelerators/index.ts';
import { generateArrayDesign } from '../../hdl-gen/index.ts';
import { DEFAULT_LIBRARY, LIBRARY_HELP, loadLibrary, synthesisCached, synthesize, yosysBackends, type SynthOptions, type SynthResult, type YosysBackend } from '../../eda/synth/index.ts';

interface AreaRow {
  readonly kind: string;
  readonly scheme: string;
  /** One PE synthesized alone. */
  readonly pe: { readonly areaUm2: number; readonly cells: number; readonly delayPs?: number };
  /** Whole arrays (PEs, feeders, dequant units, controller, readout), by size. */
  readonly arrays: Record<string, { readonly areaUm2: number; readonly cells: number; readonly areaPerPeUm2: number }>;
}

export default defineCommand({
  path: ['gen', 'area-table'],
  summary: 'synthesize every PE kind (alone and as arrays) with a Liberty library and write the area table',
  details: `Each PE kind's Verilog comes from hdl-gen (with every precision mode of the kind, the study's weight scheme,
the given group); Yosys maps it to the
Liberty library (default: sky130_fd_sc_hd typical, shipped in share/liberty; --liberty nangate45 for Nangate45 from the shared data). Arrays are synthesized with the PE kept as
one module (synthesized once, instantiated R x C times) and everything else flattened. Results are cached by
content hash, so a rerun after Ctrl-C resumes.
example: tessera gen area-table --arrays 4x4,8x8 --out docs/pe-area.md --json docs/pe-area.json`,
  flags: [
    { name: 'out', kind: 'string', default: 'docs/pe-area.md', valueName: 'FILE', help: 'Markdown table to write' },
    { name: 'json', kind: 'string', default: 'docs/pe-area.json', valueName: 'FILE', help: 'the same figures as JSON' },
    { name: 'arrays', kind: 'string', default: '4x4', valueName: 'LIST', help: "comma-separated array sizes to synthesize besides the single PE (e.g. 4x4,8x8,16x16), or 'none'" },
    { name: 'group', kind: 'int', default: 128, valueName: 'G', help: 'weight group size the arrays are built for (sets the dequant lanes)' },
    { name: 'liberty', kind: 'string', default: DEFAULT_LIBRARY, valueName: 'LIB', help: LIBRARY_HELP },
    { name: 'yosys', kind: 'string', choices: yosysBackends, default: 'wasm', help: 'Yosys backend' },
    { name: 'kinds', kind: 'string', default: PE_KIND_IDS.join(','), valueName: 'LIST', help: `PE kinds (comma-separated from ${PE_KIND_IDS.join(', ')})` },
  ],
  async run(flags) {
    setInterruptNote(cachedWorkNote('PE syntheses', 'synth'));
    const library = loadLibrary(flags.liberty);
    const libPath = library.file;
    const liberty = library.text;
    const sizes = flags.arrays === 'none' ? [] : flags.arrays.split(',').map((s) => s.trim()).filter(Boolean);
    for (const s of sizes) parseArraySize(s, '--arrays');
    const kinds = flags.kinds.split(',').map((k) => peKind(k.trim(), '--kinds'));
    if (kinds.length === 0) throw new UserError('no PE kind given', '--kinds');
    const backend = flags.yosys as YosysBackend;
    const bar = new ProgressBar('synthesis', kinds.length * (1 + sizes.length));
    // Cached results count as done but not towards the ETA's rate (they take no time).
    const synthesizeCounted = async (options: SynthOptions, note: string): Promise<SynthResult> => {
      const cached = await synthesisCached(options);
      const result = await synthesize(options);
      if (cached) bar.skip(1);
      else bar.tick(1, note);
      return result;
    };
    const rows: AreaRow[] = [];
    let tool = '';
    for (const kind of kinds) {
      // The scheme the study runs the kind with (asymmetric where the PE subtracts a zero point).
      const scheme = mixpeEvaluation.find((a) => a.pe === kind.id)?.weightScheme ?? 'symmetric';
      const design = (size: string) => {
        const { rows: r, cols: c } = parseArraySize(size, '--arrays');
        return generateArrayDesign({ pe: kind, array: mixpeEvalConfig(r, c), group: flags.group, scheme });
      };
      const small = design('1x1');
      const peTop = small.keepModules[0]!;
      const pe = await synthesizeCounted({ sources: { [small.fileName]: small.verilog }, top: peTop, liberty, backend }, `${kind.id} PE`);
      tool = pe.tool;
      const arrays: AreaRow['arrays'] = {};
      for (const size of sizes) {
        const d = design(size);
        const r = await synthesizeCounted({ sources: { [d.fileName]: d.verilog }, top: d.top, liberty, backend, check: true, keepHierarchy: d.keepModules }, `${kind.id} ${size}`);
        const area = r.mapped!.area;
        arrays[size] = { areaUm2: round(area), cells: r.mapped!.cells, areaPerPeUm2: round(area / (d.params.rows * d.params.cols)) };
      }
      rows.push({ kind: kind.id, scheme, pe: { areaUm2: round(pe.mapped!.area), cells: pe.mapped!.cells, ...(pe.mapped!.delayPs === undefined ? {} : { delayPs: pe.mapped!.delayPs }) }, arrays });
    }
    bar.finish();
    const command = `tessera gen area-table --arrays ${sizes.length ? sizes.join(',') : 'none'} --group ${flags.group} --yosys ${backend}${flags.liberty !== DEFAULT_LIBRARY ? ` --liberty ${flags.liberty}` : ''}`;
    const cells = (parts: string[]) => `| ${parts.join(' | ')} |`;
    const header = cells(['PE kind', 'PE area (um^2)', 'PE cells', 'PE ABC delay (ps)', ...sizes.flatMap((s) => [`${s} array area (um^2)`, 'per PE'])]);
    const rule = cells(['---', '---:', '---:', '---:', ...sizes.flatMap(() => ['---:', '---:'])]);
    const lines = rows.map((r) =>
      cells([r.kind, String(r.pe.areaUm2), String(r.pe.cells), String(r.pe.delayPs ?? ''), ...sizes.flatMap((s) => [String(r.arrays[s]!.areaUm2), String(r.arrays[s]!.areaPerPeUm2)])]));
    const md = `# Synthesized area per PE kind

Generated by \`${command}\` with ${tool} and ${library.title} (\`${shownPath(libPath)}\`). Weights as the study runs each kind (asymmetric for MixPE and FP16, symmetric for
the others), group ${flags.group}. "PE" is one processing element synthesized alone (operand registers, its
multipliers or fused bit-bricks with their mode multiplexers, one accumulator and group-partial register per
output lane); a PE with several precision modes is synthesized with all of them. "Array" is the whole generated
design: R x C PEs plus operand skew, column feeders, one per-group dequantization unit per column
(FP32 multiply and add), controller and readout; "per PE" divides it by R x C, so it includes each PE's
share of that periphery, which shrinks as arrays grow. Area is the sum of Liberty cell areas after
Yosys + ABC mapping (no placement, no wires). Delay is ABC's estimate for the PE's combinational logic.

${header}
${rule}
${lines.join('\n')}

The same figures are in \`${flags.json}\` (read by the study for equal-area arrays).
`;
    writeFileAtomic(flags.out, md);
    writeJsonAtomic(flags.json, { command, tool, liberty: shownPath(libPath), group: flags.group, unit: 'um^2', kinds: rows });
    console.log(md);
  },
});

/** A library path as the docs show it: relative to the data folder or the repository. */
function shownPath(path: string): string {
  return path.replace(/.*\/shared\/data\//, 'shared/data/').replace(`${projectRoot()}/`, '');
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
