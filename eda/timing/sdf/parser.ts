import type { IToken } from 'chevrotain';
import { TokenStream } from '../common/token-stream.ts';
import { readTextFile } from '../../../util/index.ts';
import { sdfLexer } from './lexer.ts';
import type { Sdf, SdfCell, SdfCheck, SdfTriple } from './model.ts';

/** A parsed s-expression: a word/string leaf or a list with its head keyword. */
type Node = { kind: 'atom'; token: IToken } | { kind: 'list'; head: string; items: Node[]; token: IToken; headImage: string };

function parseNode(ts: TokenStream): Node {
  const t = ts.next('"(" or a value');
  if (t.tokenType.name === 'RParen') throw ts.error('unexpected ")"', t);
  if (t.tokenType.name !== 'LParen') return { kind: 'atom', token: t };
  const items: Node[] = [];
  while (!ts.is('RParen')) {
    if (ts.atEnd) throw ts.error(`missing ")" for the list opened at line ${t.startLine}:${t.startColumn}`);
    items.push(parseNode(ts));
  }
  ts.next();
  const first = items[0];
  const head = first?.kind === 'atom' ? first.token.image.toUpperCase() : '';
  return { kind: 'list', head, items: head ? items.slice(1) : items, token: t, headImage: head ? (first as { token: IToken }).token.image : '' };
}

const timeScales: Record<string, number> = { s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9, ps: 1e-12, fs: 1e-15 };

class SdfReader {
  timescale = 1e-9;
  divider = '/';

  constructor(readonly ts: TokenStream) {}

  atom(n: Node | undefined, what: string): string {
    if (!n || n.kind !== 'atom') throw this.ts.error(`expected ${what}`, n?.token);
    const s = n.token.image;
    return n.token.tokenType.name === 'String' ? s.slice(1, -1) : s;
  }

  /** The source text of a node, tokens separated by blanks (a condition's parentheses kept). */
  text(n: Node): string {
    if (n.kind === 'atom') return this.atom(n, 'a condition');
    return `(${[n.headImage, ...n.items.map((i) => this.text(i))].filter(Boolean).join(' ')})`;
  }

  /** Converts an SDF path (divider-separated, escapes) to `inst/sub/pin`. */
  path(s: string): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length) out += s[++i];
      else if (c === this.divider) out += '/';
      else out += c;
    }
    return out;
  }

  /** `(v)`, `(min:typ:max)`, `()` -> a triple in seconds. */
  triple(n: Node | undefined): SdfTriple | undefined {
    if (!n || n.kind !== 'list') throw this.ts.error('expected a delay value in parentheses', n?.token);
    const all = n.head ? [n.head, ...n.items.map((i) => this.atom(i, 'a number'))] : n.items.map((i) => this.atom(i, 'a number'));
    if (all.length === 0) return undefined;
    const parts = all[0]!.split(':');
    if (parts.length !== 1 && parts.length !== 3) throw this.ts.error('a delay is v or min:typ:max', n.token);
    const vals = (parts.length === 1 ? [parts[0], parts[0], parts[0]] : parts).map((p) => {
      if (p === '' || p === undefined) return undefined;
      const v = Number(p);
      if (!Number.isFinite(v)) throw this.ts.error(`not a number: ${JSON.stringify(p)}`, n.token);
      return v * this.timescale;
    });
    return [vals[0], vals[1], vals[2]];
  }

  /** A port spec: `A` or `(posedge A)`. */
  port(n: Node | undefined): { name: string; edge?: 'posedge' | 'negedge' } {
    if (n?.kind === 'list' && (n.head === 'POSEDGE' || n.head === 'NEGEDGE')) {
      return { name: this.path(this.atom(n.items[0], 'a port')), edge: n.head === 'POSEDGE' ? 'posedge' : 'negedge' };
    }
    return { name: this.path(this.atom(n, 'a port')) };
  }

  delays(list: Node[], cell: SdfCell, increment: boolean, cond?: string): void {
    for (const d of list) {
      if (d.kind !== 'list') throw this.ts.error('expected (IOPATH ...), (INTERCONNECT ...) or (COND ...)', d.token);
      if (d.head === 'IOPATH') {
        const from = this.port(d.items[0]);
        const to = this.port(d.items[1]).name;
        const rise = this.triple(d.items[2]);
        const fall = d.items[3] ? this.triple(d.items[3]) : rise;
        cell.ioPaths.push({ from: from.name, fromEdge: from.edge, to, cond, rise, fall, increment });
      } else if (d.head === 'INTERCONNECT' || d.head === 'PORT') {
        const from = d.head === 'PORT' ? '' : this.path(this.atom(d.items[0], 'a driver pin'));
        const to = this.path(this.atom(d.items[d.head === 'PORT' ? 0 : 1], 'a load pin'));
        const vi = d.head === 'PORT' ? 1 : 2;
        const rise = this.triple(d.items[vi]);
        const fall = d.items[vi + 1] ? this.triple(d.items[vi + 1]) : rise;
        cell.interconnects.push({ from, to, rise, fall, increment });
      } else if (d.head === 'COND' || d.head === 'CONDELSE') {
        // (COND [name] expression (IOPATH ...)): the last list is the delay entry; the expression
        // before it may hold parentheses, as OpenSTA writes it: (COND (B1 == 1'b1) && (B2 == 1'b0) (IOPATH ...)).
        const last = d.items.length - 1;
        const inner = d.items[last]?.kind === 'list' ? [d.items[last]!] : [];
        const text = this.condText(d.items.slice(0, inner.length > 0 ? last : d.items.length));
        this.delays(inner, cell, increment, text || 'else');
      } else if (d.head === 'DEVICE') {
        // Every path through the cell to the output named (or to every output): from '*' to the port or '*'.
        const hasPort = d.items[0]?.kind === 'atom';
        const to = hasPort ? this.path(this.atom(d.items[0], 'an output port')) : '*';
        const vi = hasPort ? 1 : 0;
        const rise = this.triple(d.items[vi]);
        const fall = d.items[vi + 1] ? this.triple(d.items[vi + 1]) : rise;
        cell.ioPaths.push({ from: '*', to, cond, rise, fall, increment });
      } else if (d.head === 'NETDELAY') {
        throw this.ts.error('NETDELAY is not supported', d.token, 'give the net delays as INTERCONNECT entries');
      } else if (d.head !== 'PATHPULSE' && d.head !== 'PATHPULSEPERCENT' && d.head !== 'RETAIN') {
        // Pulse rejection limits and output retain times do not change path delays.
        throw this.ts.error(`unknown delay entry ${d.head}`, d.token, 'expected IOPATH, INTERCONNECT, PORT, COND, DEVICE or PATHPULSE');
      }
    }
  }

  /** The text of a COND's expression items, without its QSTRING name. */
  condText(items: Node[]): string {
    return items.filter((i) => !(i.kind === 'atom' && i.token.tokenType.name === 'String')).map((i) => this.text(i)).join(' ');
  }

  /** A timing check's port: `D`, `(posedge D)`, or `(COND [name] expression port)` with its condition (parentheses allowed, as OpenSTA writes them). */
  checkPort(n: Node | undefined): { name: string; edge?: 'posedge' | 'negedge'; cond?: string } {
    if (n?.kind === 'list' && n.head === 'COND') {
      if (n.items.length < 2) throw this.ts.error('expected (COND expression port)', n.token);
      return { ...this.port(n.items.at(-1)), cond: this.condText(n.items.slice(0, -1)) };
    }
    return this.port(n);
  }

  checks(list: Node[], cell: SdfCell): void {
    for (const c of list) {
      if (c.kind !== 'list') throw this.ts.error('expected a timing check', c.token);
      const push = (kind: SdfCheck['kind'], items: Node[], value: Node | undefined) => {
        const d = this.checkPort(items[0]);
        const second = items[1];
        const isPort = second !== undefined && (second.kind !== 'list' || second.head === 'POSEDGE' || second.head === 'NEGEDGE' || second.head === 'COND');
        const k = isPort ? this.checkPort(second) : undefined;
        cell.checks.push({
          kind, data: d.name, dataEdge: d.edge, clock: k?.name, clockEdge: k?.edge, value: this.triple(value),
          ...(d.cond !== undefined ? { dataCond: d.cond } : {}), ...(k?.cond !== undefined ? { clockCond: k.cond } : {}),
        });
      };
      switch (c.head) {
        case 'SETUP': case 'HOLD': case 'RECOVERY': case 'REMOVAL': case 'SKEW': push(c.head, c.items, c.items[2]); break;
        case 'SETUPHOLD': push('SETUP', c.items, c.items[2]); push('HOLD', c.items, c.items[3]); break;
        case 'RECREM': push('RECOVERY', c.items, c.items[2]); push('REMOVAL', c.items, c.items[3]); break;
        case 'WIDTH': case 'PERIOD': {
          const p = this.checkPort(c.items[0]);
          cell.checks.push({ kind: c.head, data: p.name, dataEdge: p.edge, value: this.triple(c.items[1]), ...(p.cond !== undefined ? { dataCond: p.cond } : {}) });
          break;
        }
        case 'NOCHANGE': push('NOCHANGE', c.items, c.items[2]); break;
        case 'COND': {
          // (COND [name] expression check) around a whole check: the last list is the check; the
          // expression before it may hold parentheses. The check applies as written.
          const last = c.items.at(-1);
          if (last?.kind !== 'list') throw this.ts.error('expected (COND expression (check ...))', c.token);
          this.checks([last], cell);
          break;
        }
        default: throw this.ts.error(`unknown timing check ${c.head}`, c.token, 'expected SETUP, HOLD, SETUPHOLD, RECOVERY, REMOVAL, RECREM, WIDTH, PERIOD, SKEW or NOCHANGE');
      }
    }
  }

  cell(n: Node & { kind: 'list' }): SdfCell {
    const cell: SdfCell = { cellType: '', instance: '', ioPaths: [], interconnects: [], checks: [], line: n.token.startLine ?? 1 };
    const c = cell as { -readonly [K in keyof SdfCell]: SdfCell[K] };
    for (const item of n.items) {
      if (item.kind !== 'list') throw this.ts.error('expected (CELLTYPE ...), (INSTANCE ...), (DELAY ...) or (TIMINGCHECK ...)', item.token);
      switch (item.head) {
        case 'CELLTYPE': c.cellType = this.atom(item.items[0], 'a cell type'); break;
        case 'INSTANCE': c.instance = item.items[0] ? this.path(this.atom(item.items[0], 'an instance')) : ''; break;
        case 'DELAY':
          for (const d of item.items) {
            if (d.kind !== 'list' || (d.head !== 'ABSOLUTE' && d.head !== 'INCREMENT')) throw this.ts.error('expected (ABSOLUTE ...) or (INCREMENT ...)', d.token);
            this.delays(d.items, cell, d.head === 'INCREMENT');
          }
          break;
        case 'TIMINGCHECK': this.checks(item.items, cell); break;
        case 'TIMINGENV': case 'LABEL': break;
        default: throw this.ts.error(`unknown CELL entry ${item.head}`, item.token);
      }
    }
    return cell;
  }

  read(file: string): Sdf {
    const root = parseNode(this.ts);
    if (!this.ts.atEnd) throw this.ts.error('expected end of file after (DELAYFILE ...)');
    if (root.kind !== 'list' || root.head !== 'DELAYFILE') throw this.ts.error('an SDF file is one (DELAYFILE ...)', root.token);
    let design = '';
    const cells: SdfCell[] = [];
    for (const item of root.items) {
      if (item.kind !== 'list') throw this.ts.error('expected a header entry or (CELL ...)', item.token);
      switch (item.head) {
        case 'DESIGN': design = this.atom(item.items[0], 'a design name'); break;
        case 'DIVIDER': this.divider = this.atom(item.items[0], 'a divider'); break;
        case 'TIMESCALE': {
          const text = item.items.map((i) => this.atom(i, 'a time scale')).join('');
          const m = /^([0-9.]+)?\s*(s|ms|us|ns|ps|fs)$/i.exec(text);
          if (!m) throw this.ts.error('TIMESCALE is a number and a unit (1ns, 10ps)', item.token);
          this.timescale = Number(m[1] ?? 1) * timeScales[m[2]!.toLowerCase()]!;
          break;
        }
        case 'CELL': cells.push(this.cell(item)); break;
        default: break;
      }
    }
    return { file, design, divider: this.divider, timescale: this.timescale, cells };
  }
}

export function parseSdf(text: string, file: string): Sdf {
  return new SdfReader(TokenStream.lex(sdfLexer, text, file, 'SDF')).read(file);
}

export function readSdf(file: string, flag?: string): Sdf {
  return parseSdf(readTextFile(file, flag), file);
}
