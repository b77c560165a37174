/** Evaluates the arithmetic Tcl `expr` subset SDC files use: numbers, + - * /, parentheses. */
export function evalExpr(text: string, fail: (message: string) => Error): number {
  const tokens = text.match(/\d*\.?\d+(?:[eE][+-]?\d+)?|[-+*/()]|\S/g) ?? [];
  let pos = 0;
  const primary = (): number => {
    const t = tokens[pos++];
    if (t === undefined) throw fail('unexpected end of expression');
    if (t === '(') {
      const v = sum();
      if (tokens[pos++] !== ')') throw fail('missing ")"');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    const v = Number(t);
    if (!Number.isFinite(v)) throw fail(`not a number: ${t}`);
    return v;
  };
  const product = (): number => {
    let v = primary();
    while (tokens[pos] === '*' || tokens[pos] === '/') v = tokens[pos++] === '*' ? v * primary() : v / primary();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[pos] === '+' || tokens[pos] === '-') v = tokens[pos++] === '+' ? v + product() : v - product();
    return v;
  };
  const v = sum();
  if (pos !== tokens.length) throw fail(`unexpected ${tokens[pos]}`);
  return v;
}
