// Worker task of `tessera verilog check --jobs N`: checks a batch of files, each file a design of
// its own, and returns each file's report (diagnostics already formatted with their excerpts).
import { checkVerilog, formatDiagnostic, readVerilogSource } from '../../eda/verilog/index.ts';

export interface CheckTaskInput {
  files: string[];
  includeDirs: string[];
  defines: Record<string, string>;
  top?: string;
  blackbox: boolean;
  /** Bound on the steps of work per file (parse and elaboration each). */
  maxSteps?: number;
}

export interface FileReport {
  file: string;
  errors: number;
  warnings: number;
  modules: number;
  /** Formatted diagnostics (with source line and caret), in order. */
  lines: string[];
}

export default function checkFiles(input: CheckTaskInput): FileReport[] {
  return input.files.map((file) => checkOneFile(file, input));
}

export function checkOneFile(file: string, input: Omit<CheckTaskInput, 'files'>): FileReport {
  let text: string;
  try {
    text = readVerilogSource(file);
  } catch (e) {
    return { file, errors: 1, warnings: 0, modules: 0, lines: [`${file}: error: ${(e as Error).message}`] };
  }
  const texts = new Map([[file, text]]);
  const r = checkVerilog([{ file, text }], { includeDirs: input.includeDirs, defines: input.defines, top: input.top, unknownModules: input.blackbox ? 'blackbox' : 'error', maxSteps: input.maxSteps });
  const source = (f: string) => texts.get(f) ?? readQuietly(f);
  return {
    file,
    errors: r.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: r.diagnostics.filter((d) => d.severity === 'warning').length,
    modules: r.modules,
    lines: r.diagnostics.map((d) => formatDiagnostic(d, source)),
  };
}

function readQuietly(file: string): string | undefined {
  try {
    return readVerilogSource(file);
  } catch {
    return undefined; // the excerpt is optional
  }
}
