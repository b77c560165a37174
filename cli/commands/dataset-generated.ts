// Generated designs for the data set: PE-array variants from hdl-gen (the same configuration
// objects the simulator runs), drawn reproducibly from the PE kinds and small array shapes.
import { PE_KIND_IDS } from '../../hw/index.ts';
import { generateArrayDesign } from '../../hdl-gen/index.ts';
import { UserError, isUserError, seededRandom } from '../../util/index.ts';
import type { DesignSource } from '../../eda/dataset/index.ts';
import { designConfig } from './gen-config.ts';

/** Array shapes small enough to synthesize in seconds; a 1x1 array is a single PE with its dequant. */
const SHAPES = ['1x1', '1x2', '2x1', '2x2', '2x4', '4x2'] as const;

/** Named variants (`int8-1x1`, `mixpe-w4a8-2x2`: PE kind and array shape), group 8, the kind's preferred weight scheme. */
export function namedGeneratedDesigns(names: readonly string[], flag = '--generated-variants'): DesignSource[] {
  return names.map((name) => {
    const m = /^(.+)-(\d+x\d+)$/.exec(name);
    if (!m || !(PE_KIND_IDS as readonly string[]).includes(m[1])) {
      throw new UserError(`'${name}' is not a generated variant`, flag, `write PEKIND-RxC with PEKIND one of ${PE_KIND_IDS.join(', ')}, e.g. int8-1x1`);
    }
    const design = generateArrayDesign(designConfig({ pe: m[1], array: m[2], group: 8, scheme: 'auto' }));
    return { id: `generated/${name}`, corpus: 'generated', files: { [design.fileName]: design.verilog }, top: design.top };
  });
}

/**
 * `count` distinct variants (PE kind x array shape, group 8, the kind's preferred weight scheme) in a
 * seeded order; combinations hdl-gen refuses are skipped.
 */
export function generatedDesigns(count: number, seed: number): DesignSource[] {
  const combos = PE_KIND_IDS.flatMap((pe) => SHAPES.map((array) => ({ pe, array })));
  const rnd = seededRandom(seed);
  for (let i = combos.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [combos[i], combos[j]] = [combos[j], combos[i]];
  }
  const designs: DesignSource[] = [];
  for (const { pe, array } of combos) {
    if (designs.length === count) break;
    try {
      const design = generateArrayDesign(designConfig({ pe, array, group: 8, scheme: 'auto' }));
      designs.push({ id: `generated/${pe}-${array}`, corpus: 'generated', files: { [design.fileName]: design.verilog }, top: design.top });
    } catch (e) {
      if (!isUserError(e)) throw e;
    }
  }
  return designs;
}
