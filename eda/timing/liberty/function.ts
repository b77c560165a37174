/**
 * Liberty `function` expressions (the logic of an output pin): pin names, 0 and 1, `!` and a
 * trailing `'` for NOT, `&`, `*` or juxtaposition for AND, `|` and `+` for OR, `^` for XOR,
 * parentheses. Evaluated in three-valued logic (0, 1, undefined = unknown) for constant
 * propagation (set_case_analysis, tie cells).
 */
export type LogicFunction =
  | { readonly op: 'const'; readonly value: 0 | 1 }
  | { readonly op: 'pin'; readonly name: string }
  | { readonly op: 'not'; readonly arg: LogicFunction }
  | { readonly op: 'and' | 'or' | 'xor'; readonly args: LogicFunction[] };

/** Parses a function; undefined when it is not one this reader understands. */
export function parseLogicFunction(text: string): LogicFunction | undefined {
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_[\]]*|[01]|[!'&*|+^()]/g) ?? [];
  if (tokens.join('') !== text.replace(/\s+/g, '')) return undefined;
  let pos = 0;
  const or = (): LogicFunction | undefined => {
    const args = [xor()];
    while (tokens[pos] === '|' || tokens[pos] === '+') {
      pos++;
      args.push(xor());
    }
    return args.some((a) => !a) ? undefined : args.length === 1 ? args[0] : { op: 'or', args: args as LogicFunction[] };
  };
  const xor = (): LogicFunction | undefined => {
    const args = [and()];
    while (tokens[pos] === '^') {
      pos++;
      args.push(and());
    }
    return args.some((a) => !a) ? undefined : args.length === 1 ? args[0] : { op: 'xor', args: args as LogicFunction[] };
  };
  const and = (): LogicFunction | undefined => {
    const args = [unary()];
    // `&`, `*`, or two operands side by side.
    for (;;) {
      const t = tokens[pos];
      if (t === '&' || t === '*') pos++;
      else if (t === undefined || t === ')' || t === '|' || t === '+' || t === '^') break;
      args.push(unary());
    }
    return args.some((a) => !a) ? undefined : args.length === 1 ? args[0] : { op: 'and', args: args as LogicFunction[] };
  };
  const unary = (): LogicFunction | undefined => {
    const t = tokens[pos++];
    let f: LogicFunction | undefined;
    if (t === '!') {
      const arg = unary();
      f = arg && { op: 'not', arg };
    } else if (t === '(') {
      f = or();
      if (tokens[pos++] !== ')') return undefined;
    } else if (t === '0' || t === '1') f = { op: 'const', value: t === '1' ? 1 : 0 };
    else if (t !== undefined && /^[A-Za-z_]/.test(t)) f = { op: 'pin', name: t };
    else return undefined;
    while (f && tokens[pos] === "'") {
      pos++;
      f = { op: 'not', arg: f };
    }
    return f;
  };
  const f = or();
  return f && pos === tokens.length ? f : undefined;
}

/** The value of a function given some pins' values (unknown pins: undefined). */
export function evalLogic(f: LogicFunction, pin: (name: string) => 0 | 1 | undefined): 0 | 1 | undefined {
  switch (f.op) {
    case 'const': return f.value;
    case 'pin': return pin(f.name);
    case 'not': {
      const v = evalLogic(f.arg, pin);
      return v === undefined ? undefined : v === 1 ? 0 : 1;
    }
    case 'and': {
      let unknown = false;
      for (const a of f.args) {
        const v = evalLogic(a, pin);
        if (v === 0) return 0;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : 1;
    }
    case 'or': {
      let unknown = false;
      for (const a of f.args) {
        const v = evalLogic(a, pin);
        if (v === 1) return 1;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : 0;
    }
    case 'xor': {
      let acc = 0;
      for (const a of f.args) {
        const v = evalLogic(a, pin);
        if (v === undefined) return undefined;
        acc ^= v;
      }
      return acc as 0 | 1;
    }
  }
}
