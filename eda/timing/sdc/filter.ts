import type { FilterAttribute, FilterExpr } from './model.ts';

const attributes: readonly FilterAttribute[] = ['name', 'full_name', 'direction', 'ref_name', 'is_sequential', 'is_clock', 'is_port'];

/**
 * Parses a `-filter` expression: `attr == value`, `!=`, `=~` / `!~` (glob), joined by `&&` / `||`,
 * negated by `!`, grouped by parentheses; attribute names may start with `@`. Returns the
 * expression or a message saying what is wrong.
 */
export function parseFilter(text: string): FilterExpr | string {
  const token = /\s*(&&|\|\||==|!=|=~|!~|[()!]|"[^"]*"|[^\s()!=~&|"]+)\s*/y;
  const tokens: string[] = [];
  while (token.lastIndex < text.length) {
    const m = token.exec(text);
    if (!m) return `cannot read the filter ${JSON.stringify(text)}`;
    tokens.push(m[1]!);
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const or = (): FilterExpr | string => {
    let left = and();
    while (typeof left !== 'string' && peek() === '||') {
      pos++;
      const right = and();
      if (typeof right === 'string') return right;
      left = { op: 'or', left, right };
    }
    return left;
  };
  const and = (): FilterExpr | string => {
    let left = unary();
    while (typeof left !== 'string' && peek() === '&&') {
      pos++;
      const right = unary();
      if (typeof right === 'string') return right;
      left = { op: 'and', left, right };
    }
    return left;
  };
  const unary = (): FilterExpr | string => {
    const t = peek();
    if (t === '!') {
      pos++;
      const expr = unary();
      return typeof expr === 'string' ? expr : { op: 'not', expr };
    }
    if (t === '(') {
      pos++;
      const inner = or();
      if (typeof inner === 'string') return inner;
      if (peek() !== ')') return `missing ")" in the filter ${JSON.stringify(text)}`;
      pos++;
      return inner;
    }
    return comparison();
  };
  const comparison = (): FilterExpr | string => {
    const name = peek()?.replace(/^@/, '');
    const op = tokens[pos + 1];
    const value = tokens[pos + 2];
    if (name === undefined || op === undefined || value === undefined || !['==', '!=', '=~', '!~'].includes(op)) {
      return `expected "attribute == value" in the filter ${JSON.stringify(text)}`;
    }
    if (!attributes.includes(name as FilterAttribute)) return `filter attribute ${JSON.stringify(name)} is not supported (supported: ${attributes.join(', ')})`;
    pos += 3;
    return { op: op as '==' | '!=' | '=~' | '!~', attribute: name as FilterAttribute, value: value.replace(/^"(.*)"$/, '$1') };
  };
  const expr = or();
  if (typeof expr !== 'string' && pos < tokens.length) return `unexpected ${JSON.stringify(tokens[pos])} in the filter ${JSON.stringify(text)}`;
  return expr;
}

/** Evaluates a filter on one object, given its attribute values (undefined: the object has no such attribute). */
export function matchesFilter(f: FilterExpr, attribute: (a: FilterAttribute) => string | undefined, glob: (pattern: string) => RegExp): boolean {
  switch (f.op) {
    case 'and': return matchesFilter(f.left, attribute, glob) && matchesFilter(f.right, attribute, glob);
    case 'or': return matchesFilter(f.left, attribute, glob) || matchesFilter(f.right, attribute, glob);
    case 'not': return !matchesFilter(f.expr, attribute, glob);
  }
  const v = attribute(f.attribute);
  if (v === undefined) return false;
  const want = normalize(f.attribute, f.value);
  switch (f.op) {
    case '==': return v === want;
    case '!=': return v !== want;
    case '=~': return glob(f.value).test(v);
    case '!~': return !glob(f.value).test(v);
  }
}

/** `in`/`out` for directions and 1/0 for booleans, as OpenSTA spells them too. */
function normalize(attribute: FilterAttribute, value: string): string {
  if (attribute === 'direction') return value === 'in' ? 'input' : value === 'out' ? 'output' : value;
  if (attribute.startsWith('is_')) return value === '1' ? 'true' : value === '0' ? 'false' : value;
  return value;
}
