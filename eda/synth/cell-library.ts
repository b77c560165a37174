// Cell libraries by name: `sky130` ships in the repository (share/liberty, Apache-2.0) and is the
// default everywhere, so synthesis with area and delay works without the benchmark data;
// `nangate45` comes from the data folder (its licence does not allow shipping it); anything else
// is a Liberty file path.
import { join } from 'node:path';
import { dataPathOr, projectRoot } from '../../util/index.ts';
import { readLiberty } from './liberty-file.ts';

export const DEFAULT_LIBRARY = 'sky130';

const named: Record<string, { file: () => string; title: string }> = {
  sky130: { file: () => join(projectRoot(), 'share', 'liberty', 'sky130_fd_sc_hd', 'sky130hd_tt.lib.gz'), title: 'sky130_fd_sc_hd typical' },
  nangate45: { file: () => dataPathOr('--liberty sky130 or --liberty FILE', 'liberty', 'nangate45', 'nangate45_typ.lib.gz'), title: 'Nangate45 typical' },
};

/** Help text for a `--liberty` flag. */
export const LIBRARY_HELP = `cell library: 'sky130' (sky130_fd_sc_hd typical, shipped; the default), 'nangate45' (benchmark data) or a Liberty file (.lib/.lib.gz)`;

/** The file a library name or path stands for. */
export function libraryFile(spec: string = DEFAULT_LIBRARY): string {
  return named[spec]?.file() ?? spec;
}

/** A short human name: `sky130_fd_sc_hd typical`, `Nangate45 typical` or the file's name. */
export function libraryTitle(spec: string = DEFAULT_LIBRARY): string {
  return named[spec]?.title ?? spec.replace(/^.*\//, '');
}

/** The library's Liberty text (unpacked), its name and its file. */
export function loadLibrary(spec: string = DEFAULT_LIBRARY, flag = '--liberty'): { name: string; title: string; file: string; text: string } {
  const file = libraryFile(spec);
  return { name: named[spec] ? spec : file.replace(/^.*\//, ''), title: libraryTitle(spec), file, text: readLiberty(file, flag) };
}
