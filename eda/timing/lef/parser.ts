import type { IToken } from 'chevrotain';
import { TokenStream } from '../common/token-stream.ts';
import { readTextFile } from '../../../util/index.ts';
import { lefDefLexer } from './lexer.ts';
import { StatementReader } from './statement-reader.ts';
import type { Lef, LefLayer, LefMacro, LefPin, LefRect, LefSite } from './model.ts';

/** Reads `KEYWORD ... ;` statements; blocks (`LAYER x` ... `END x`) are recognised by keyword. */
class LefReader extends StatementReader {
  name(): string {
    return this.ts.expect('Word', 'a name').image;
  }

  /** Consumes `END name` (or `END` when name is undefined). */
  end(name: string | undefined, opened: IToken): void {
    const e = this.ts.expect('Word', `END${name ? ` ${name}` : ''}`);
    if (e.image !== 'END') throw this.ts.error(`expected END${name ? ` ${name}` : ''} closing line ${opened.startLine}`, e);
    if (name !== undefined) {
      const n = this.ts.next(name);
      if (n.image !== name) throw this.ts.error(`expected END ${name} closing line ${opened.startLine}`, n);
    }
  }

  /** Statements until END: returns them keyed by first word; nested blocks by callback. */
  body(name: string | undefined, opened: IToken, onStatement: (s: IToken[]) => void, blocks: Record<string, (head: IToken) => void> = {}): void {
    for (;;) {
      const t = this.ts.peek();
      if (t === undefined) throw this.ts.error(`missing END${name ? ` ${name}` : ''} for the block at line ${opened.startLine}`);
      if (t.image === 'END' && t.tokenType.name === 'Word') {
        this.end(name, opened);
        return;
      }
      const block = blocks[t.image];
      if (block) {
        this.ts.next();
        block(t);
      } else onStatement(this.statement());
    }
  }

  layer(head: IToken, layers: Map<string, LefLayer>): void {
    const name = this.name();
    const l: { -readonly [K in keyof LefLayer]: LefLayer[K] } = { name, type: '' };
    this.body(name, head, (s) => {
      const [k, a, b] = s;
      switch (k?.image) {
        case 'TYPE': l.type = a?.image ?? ''; break;
        case 'DIRECTION': if (a?.image === 'HORIZONTAL' || a?.image === 'VERTICAL') l.direction = a.image; break;
        case 'WIDTH': l.width = this.num(a, 'a width'); break;
        case 'PITCH': l.pitch = this.num(a, 'a pitch'); break;
        case 'RESISTANCE':
          if (a?.image === 'RPERSQ') l.resistancePerSquare = this.num(b, 'ohms per square');
          else if (s.length === 2) l.cutResistance = this.num(a, 'ohms per cut');
          break;
        // Only the plain rule `SPACING s ;` (not RANGE, ADJACENTCUTS, ... variants).
        case 'SPACING': if (s.length === 2) l.spacing = this.num(a, 'a spacing'); break;
        case 'THICKNESS': l.thickness = this.num(a, 'a thickness'); break;
        case 'HEIGHT': l.height = this.num(a, 'a height'); break;
        // LEF capacitances are in pF: per square micron and per micron of edge.
        case 'CAPACITANCE': if (a?.image === 'CPERSQDIST') l.capacitancePerSquare = this.num(b, 'pF per square micron') * 1e-12; break;
        case 'EDGECAPACITANCE': l.edgeCapacitance = this.num(a, 'pF per micron') * 1e-12; break;
      }
    });
    layers.set(name, l);
  }

  rects(into: LefRect[], head: IToken): void {
    let layer = '';
    this.body(undefined, head, (s) => {
      const k = s[0]?.image;
      if (k === 'LAYER') layer = s[1]?.image ?? '';
      else if (k === 'RECT') {
        const v = s.slice(1).filter((t) => t.image !== 'MASK').map((t) => Number(t.image)).filter(Number.isFinite).slice(-4);
        if (v.length !== 4) throw this.ts.error('RECT expects four coordinates', s[0]);
        into.push({ layer, x1: Math.min(v[0]!, v[2]!), y1: Math.min(v[1]!, v[3]!), x2: Math.max(v[0]!, v[2]!), y2: Math.max(v[1]!, v[3]!) });
      }
    });
  }

  pin(head: IToken): LefPin {
    const name = this.name();
    const pin: { name: string; direction?: string; use?: string; rects: LefRect[] } = { name, rects: [] };
    this.body(name, head, (s) => {
      if (s[0]?.image === 'DIRECTION') pin.direction = s[1]?.image;
      else if (s[0]?.image === 'USE') pin.use = s[1]?.image;
    }, { PORT: (h) => this.rects(pin.rects, h) });
    return pin;
  }

  macro(head: IToken, macros: Map<string, LefMacro>): void {
    const name = this.name();
    const m: { name: string; className?: string; site?: string; width: number; height: number; pins: Map<string, LefPin> } = { name, width: 0, height: 0, pins: new Map() };
    this.body(name, head, (s) => {
      if (s[0]?.image === 'CLASS') m.className = s[1]?.image;
      else if (s[0]?.image === 'SITE') m.site = s[1]?.image;
      else if (s[0]?.image === 'SIZE') {
        m.width = this.num(s[1], 'a width');
        m.height = this.num(s[3], 'a height');
      }
    }, { PIN: (h) => {
      const p = this.pin(h);
      m.pins.set(p.name, p);
    }, OBS: (h) => this.rects([], h) });
    macros.set(name, m);
  }

  read(files: string[], into?: Lef): Lef {
    const lef: { -readonly [K in keyof Lef]: Lef[K] } = into ? { ...into, files: [...into.files, ...files] } : { files, layers: new Map(), sites: new Map(), macros: new Map() };
    const skipBlock = (head: IToken) => {
      const name = head.image === 'UNITS' || head.image === 'PROPERTYDEFINITIONS' || head.image === 'SPACING' ? head.image : this.name();
      this.skipUntilEnd(name, head);
    };
    for (;;) {
      const t = this.ts.peek();
      if (t === undefined) return lef;
      this.ts.next();
      // LEF keywords are case-insensitive (IHP's tech LEF writes `Via`).
      switch (t.image.toUpperCase()) {
        case 'END':
          if (this.ts.peek()?.image === 'LIBRARY') this.ts.next();
          else throw this.ts.error('unexpected END at the top level', t);
          return lef;
        case 'LAYER': this.layer(t, lef.layers); break;
        case 'MACRO': this.macro(t, lef.macros); break;
        case 'SITE': {
          const name = this.name();
          let w = 0;
          let h = 0;
          this.body(name, t, (s) => {
            if (s[0]?.image === 'SIZE') {
              w = this.num(s[1], 'a width');
              h = this.num(s[3], 'a height');
            }
          });
          const site: LefSite = { name, width: w, height: h };
          lef.sites.set(name, site);
          break;
        }
        case 'UNITS':
          this.body('UNITS', t, (s) => {
            if (s[0]?.image === 'DATABASE' && s[1]?.image === 'MICRONS') lef.dbuPerMicron = this.num(s[2], 'database units per micron');
          });
          break;
        case 'VIA': case 'VIARULE': case 'NONDEFAULTRULE': case 'PROPERTYDEFINITIONS': case 'SPACING':
          skipBlock(t);
          break;
        default:
          if (t.tokenType.name !== 'Word') throw this.ts.error('expected a LEF statement', t);
          this.statement();
      }
    }
  }

  /** Skips a block we do not model, up to its matching END name. */
  skipUntilEnd(name: string, head: IToken): void {
    for (;;) {
      const t = this.ts.next(`END ${name}`);
      if (t.image === 'END' && this.ts.peek()?.image === name) {
        this.ts.next();
        return;
      }
      if (this.ts.atEnd) throw this.ts.error(`missing END ${name} for the block at line ${head.startLine}`);
    }
  }
}

/** Parses LEF text; pass a previous result to merge a technology LEF with cell LEFs. */
export function parseLef(text: string, file: string, into?: Lef): Lef {
  return new LefReader(TokenStream.lex(lefDefLexer, text, file, 'LEF')).read([file], into);
}

export function readLef(files: string[], flag?: string): Lef {
  let lef: Lef | undefined;
  for (const f of files) lef = parseLef(readTextFile(f, flag), f, lef);
  return lef ?? { files: [], layers: new Map(), sites: new Map(), macros: new Map() };
}
