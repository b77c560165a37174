import { UserError } from '../../util/index.ts';
import { Aig } from './aig.ts';
import { buildCover } from './blif-read.ts';

/** Keywords that describe the cover or its names but do not change the on-set of a `.type f/fd/fr/fdr` PLA. */
const NAME_KEYWORDS = new Set(['.ilb', '.ob', '.p', '.type']);
const TYPES = new Set(['f', 'fd', 'fr', 'fdr']);

/**
 * Reads an Espresso PLA (two-level cover, as the LGSynth'91/MCNC `.pla` files): `.i`, `.o`,
 * optional `.ilb`/`.ob` names, `.p`, `.type f|fd|fr|fdr`, cube rows (a cube may wrap over lines), `.e`/`.end`. Each output is the
 * OR of the cubes whose output character is `1` (or `4`); don't-care (`-`, `2`) and off-set (`0`)
 * entries are not part of the on-set, so the AIG is the on-set cover completed with 0, as ABC's
 * `read_pla` builds it. Cubes become left-deep AND chains ORed in file order. Multi-valued PLAs
 * (`.mv`, `.symbolic`, `.kiss`, `.phase`) are refused.
 */
export function readPla(text: string, file = '<pla>'): Aig {
  const where = (line: number, col = 1) => ({ file, line, col });
  let inputs: number | undefined;
  let outputs: number | undefined;
  let inputNames: string[] | undefined;
  let outputNames: string[] | undefined;
  const cubes: { bits: string; line: number }[] = [];
  const lines = text.split('\n');
  let seen = 0;
  let pending: { bits: string; line: number } | undefined;
  for (let k = 0; k < lines.length; k++) {
    const line = k + 1;
    const s = lines[k].replace(/#.*/, '').replace(/\r$/, '').trim();
    if (s === '') continue;
    seen++;
    if (s.startsWith('.')) {
      const words = s.split(/\s+/);
      const cmd = words[0];
      if (pending) throw new UserError(`a cube of ${pending.bits.length} characters is not complete before '${cmd}'`, where(pending.line), `a cube has ${(inputs ?? 0) + (outputs ?? 0)} characters`);
      if (cmd === '.e' || cmd === '.end') break;
      if (cmd === '.i' || cmd === '.o') {
        if (words.length !== 2 || !/^\d+$/.test(words[1]) || Number(words[1]) === 0) throw new UserError(`expected '${cmd} N' with a positive whole number`, where(line));
        if (cubes.length > 0) throw new UserError(`${cmd} after the first cube`, where(line), 'give .i and .o before the cover');
        if (cmd === '.i') inputs = Number(words[1]);
        else outputs = Number(words[1]);
      } else if (cmd === '.ilb') inputNames = words.slice(1);
      else if (cmd === '.ob') outputNames = words.slice(1);
      else if (cmd === '.type') {
        if (!TYPES.has(words[1] ?? '')) throw new UserError(`unsupported PLA type '${words[1] ?? ''}'`, where(line), 'expected .type f, fd, fr or fdr');
      } else if (!NAME_KEYWORDS.has(cmd)) {
        throw new UserError(`unsupported PLA keyword '${cmd}'`, where(line), 'expected .i, .o, .ilb, .ob, .p, .type, .e (multi-valued PLAs are not read)');
      }
      continue;
    }
    if (inputs === undefined || outputs === undefined) throw new UserError('a cube before .i and .o', where(line), 'start the file with .i N and .o M');
    // A cube may wrap over several lines (Espresso reads characters until the cube is complete).
    pending ??= { bits: '', line };
    pending.bits += s.replace(/[\s|]+/g, '');
    const width = inputs + outputs;
    if (pending.bits.length < width) continue;
    const { bits, line: start } = pending;
    pending = undefined;
    if (bits.length !== width) throw new UserError(`expected a cube of ${inputs} input and ${outputs} output characters, found ${bits.length}`, where(start));
    const badIn = /[^01\-2]/.exec(bits.slice(0, inputs));
    if (badIn) throw new UserError(`input character '${badIn[0]}' at position ${badIn.index + 1} of the cube is not 0, 1 or -`, where(start));
    const badOut = /[^01\-24~]/.exec(bits.slice(inputs));
    if (badOut) throw new UserError(`output character '${badOut[0]}' at position ${inputs + badOut.index + 1} of the cube is not 0, 1, - or ~`, where(start));
    cubes.push({ bits, line: start });
  }
  if (pending) throw new UserError(`the last cube has ${pending.bits.length} of ${(inputs ?? 0) + (outputs ?? 0)} characters`, where(pending.line), 'complete the cube or remove it');
  if (seen === 0) throw new UserError('empty PLA file', where(1), 'expected .i N, .o M and cube rows');
  if (inputs === undefined || outputs === undefined) throw new UserError('missing .i or .o', where(1), 'give the input and output counts as .i N and .o M');
  if (inputNames && inputNames.length !== inputs) throw new UserError(`.ilb names ${inputNames.length} inputs, .i says ${inputs}`, file);
  if (outputNames && outputNames.length !== outputs) throw new UserError(`.ob names ${outputNames.length} outputs, .o says ${outputs}`, file);
  const aig = new Aig(file.replace(/^.*[\\/]/, '').replace(/\.pla(\.gz)?$/, ''));
  const ins = Array.from({ length: inputs }, (_, i) => aig.addInput(inputNames?.[i]));
  for (let o = 0; o < outputs; o++) {
    const onSet = cubes.filter((c) => c.bits[inputs + o] === '1' || c.bits[inputs + o] === '4').map((c) => c.bits.slice(0, inputs).replace(/2/g, '-'));
    aig.addOutput(buildCover(aig, ins, onSet, true), outputNames?.[o]);
  }
  return aig;
}
