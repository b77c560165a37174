import { lexVerilog } from '../../../eda/verilog/index.ts';
import { UserError } from '../../../util/index.ts';

/**
 * The text of module `top` and of every module it instantiates (transitively) among the modules
 * defined in `text`, in source order: what synthesis with `-top` would read. Throws a UserError
 * naming the modules found when `top` is not defined.
 */
export function moduleClosureText(text: string, top: string, file: string): string {
  const tokens = lexVerilog(text, file).tokens;
  const modules = new Map<string, { start: number; end: number; uses: Set<string> }>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].image !== 'module' && tokens[i].image !== 'macromodule') continue;
    const name = tokens[i + 1]?.image;
    let j = i + 1;
    const uses = new Set<string>();
    while (j < tokens.length && tokens[j].image !== 'endmodule') {
      // An instantiation: NAME [#(...)] INSTANCE ( ... — collect every identifier that starts a statement.
      const prev = tokens[j - 1]?.image;
      if (tokens[j].kind === 'identifier' && (prev === ';' || prev === 'begin' || prev === 'end' || prev === ')' || prev === 'generate' || prev === 'else')) uses.add(tokens[j].image);
      j++;
    }
    if (name) modules.set(name, { start: tokens[i].startOffset, end: (tokens[j]?.endOffset ?? text.length - 1) + 1, uses });
    i = j;
  }
  if (!modules.has(top)) {
    throw new UserError(`module '${top}' is not defined in ${file}`, '--top', `modules found: ${[...modules.keys()].join(', ') || 'none'}`);
  }
  const keep = new Set<string>();
  const visit = (m: string) => {
    if (keep.has(m) || !modules.has(m)) return;
    keep.add(m);
    for (const u of modules.get(m)!.uses) visit(u);
  };
  visit(top);
  return [...modules].filter(([n]) => keep.has(n)).map(([, m]) => text.slice(m.start, m.end)).join('\n\n');
}
