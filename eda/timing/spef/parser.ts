import type { IToken } from 'chevrotain';
import { TokenStream } from '../common/token-stream.ts';
import { readTextFile } from '../../../util/index.ts';
import { spefLexer } from './lexer.ts';
import type { Spef, SpefNet } from './model.ts';

const scales: Record<string, number> = {
  S: 1, MS: 1e-3, US: 1e-6, NS: 1e-9, PS: 1e-12, FS: 1e-15,
  F: 1, MF: 1e-3, UF: 1e-6, NF: 1e-9, PF: 1e-12, FF: 1e-15,
  OHM: 1, KOHM: 1e3, MOHM: 1e6,
  HENRY: 1, MH: 1e-3, UH: 1e-6, NH: 1e-9, PH: 1e-12,
};

/** SPEF escapes hierarchy and bus characters with a backslash; names compare unescaped. */
export function unescapeSpef(name: string): string {
  return name.replace(/\\(.)/g, '$1');
}

class SpefReader {
  readonly nameMap = new Map<string, string>();
  capUnit = 1e-12;
  resUnit = 1;
  divider = '/';
  delimiter = ':';
  design = '';

  constructor(readonly ts: TokenStream) {}

  /** A number, or the first of a min:typ:max triple. */
  number(t: IToken): number {
    const v = Number(t.image.includes(':') ? t.image.split(':')[0] : t.image);
    if (!Number.isFinite(v)) throw this.ts.error('expected a number', t);
    return v;
  }

  word(what: string): IToken {
    const t = this.ts.next(what);
    if (t.tokenType.name !== 'Word' && t.tokenType.name !== 'String') throw this.ts.error(`expected ${what}`, t);
    return t;
  }

  /** Resolves *N name-map references (also inside `*N:pin`) and unescapes. */
  name(raw: string): string {
    if (raw.startsWith('*')) {
      const colon = raw.indexOf(this.delimiter, 1);
      const key = colon < 0 ? raw : raw.slice(0, colon);
      const mapped = this.nameMap.get(key);
      if (mapped !== undefined) raw = colon < 0 ? mapped : mapped + raw.slice(colon);
    }
    return unescapeSpef(raw.replace(/^"|"$/g, ''));
  }

  unit(): number {
    const n = this.number(this.word('a unit multiplier'));
    const u = this.word('a unit');
    const s = scales[u.image.toUpperCase()];
    if (s === undefined) throw this.ts.error('unknown unit', u, `use one of ${Object.keys(scales).join(', ')}`);
    return n * s;
  }

  skipToKeyword(): void {
    while (!this.ts.atEnd && !this.ts.is('Keyword')) this.ts.next();
  }

  read(file: string): Spef {
    const ts = this.ts;
    const nets = new Map<string, SpefNet>();
    const ports: { name: string; direction: string }[] = [];
    if (!ts.is('Keyword', '*SPEF')) throw ts.error('expected *SPEF at the start of a SPEF file');
    while (!ts.atEnd) {
      const k = ts.expect('Keyword', 'a SPEF keyword');
      switch (k.image) {
        case '*DESIGN': this.design = this.name(this.word('a design name').image); break;
        case '*DIVIDER': this.divider = this.word('a divider').image; break;
        case '*DELIMITER': this.delimiter = this.word('a delimiter').image; break;
        case '*C_UNIT': this.capUnit = this.unit(); break;
        case '*R_UNIT': this.resUnit = this.unit(); break;
        case '*T_UNIT': case '*L_UNIT': this.unit(); break;
        case '*NAME_MAP':
          while (!ts.atEnd && ts.is('Word')) {
            const key = ts.next();
            const value = this.word('a mapped name');
            this.nameMap.set(key.image, value.image.replace(/^"|"$/g, ''));
          }
          break;
        case '*PORTS': case '*PHYSICAL_PORTS':
          while (ts.is('Word')) {
            const name = this.name(ts.next().image);
            const dir = this.word('a port direction').image;
            ports.push({ name, direction: dir });
            this.skipAttributes();
          }
          break;
        case '*D_NET': {
          const net = this.dnet(k);
          nets.set(net.name, net);
          break;
        }
        case '*R_NET':
          this.skipUntil('*END');
          break;
        default:
          this.skipToKeyword();
      }
    }
    return { file, design: this.design, divider: this.divider, delimiter: this.delimiter, nets, ports };
  }

  /** Connection attributes (*C x y, *L cap, *S slews, *D cell) after a *P / *I entry. */
  skipAttributes(): void {
    for (;;) {
      const t = this.ts.peek();
      if (!t || t.tokenType.name !== 'Keyword' || !['*C', '*L', '*S', '*D'].includes(t.image)) return;
      this.ts.next();
      while (this.ts.is('Word')) this.ts.next();
    }
  }

  skipUntil(keyword: string): void {
    while (!this.ts.atEnd && !this.ts.is('Keyword', keyword)) this.ts.next();
    this.ts.expect('Keyword', keyword);
  }

  dnet(start: IToken): SpefNet {
    const ts = this.ts;
    const name = this.name(this.word('a net name').image);
    const totalCap = this.number(this.word('the total capacitance')) * this.capUnit;
    const net: SpefNet = { name, totalCap, conns: [], caps: [], res: [], line: start.startLine ?? 1 };
    if (ts.is('Keyword', '*V')) {
      ts.next();
      this.word('a routing confidence');
    }
    for (;;) {
      const k = ts.expect('Keyword', 'a *D_NET section or *END');
      switch (k.image) {
        case '*END': return net;
        case '*CONN':
          while (ts.is('Keyword', '*P') || ts.is('Keyword', '*I')) {
            const kind = ts.next().image === '*P' ? 'P' : 'I';
            const n = this.name(this.word('a connection name').image);
            const dir = this.word('a direction').image;
            net.conns.push({ name: n, kind, direction: dir });
            this.skipAttributes();
          }
          break;
        case '*CAP':
          while (ts.is('Word')) {
            const index = ts.next();
            const node = this.name(this.word('a node').image);
            const second = this.word('a node or capacitance');
            // Entries are one per line: a fourth word on the index's line makes it a coupling cap.
            if (ts.is('Word') && ts.peek()!.startLine === index.startLine) net.caps.push({ node, other: this.name(second.image), value: this.number(ts.next()) * this.capUnit });
            else net.caps.push({ node, value: this.number(second) * this.capUnit });
          }
          break;
        case '*RES':
          while (ts.is('Word')) {
            ts.next();
            const a = this.name(this.word('a node').image);
            const b = this.name(this.word('a node').image);
            net.res.push({ a, b, value: this.number(this.word('a resistance')) * this.resUnit });
          }
          break;
        case '*INDUC':
          while (ts.is('Word')) ts.next();
          break;
        default:
          throw ts.error(`unexpected ${k.image} inside *D_NET ${name}`, k, 'a *D_NET holds *CONN, *CAP, *RES, *INDUC and ends with *END');
      }
    }
  }
}

export function parseSpef(text: string, file: string): Spef {
  return new SpefReader(TokenStream.lex(spefLexer, text, file, 'SPEF')).read(file);
}

export function readSpef(file: string, flag?: string): Spef {
  return parseSpef(readTextFile(file, flag), file);
}
