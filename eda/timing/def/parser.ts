import type { IToken } from 'chevrotain';
import { TokenStream } from '../common/token-stream.ts';
import { readTextFile } from '../../../util/index.ts';
import { StatementReader, lefDefLexer } from '../lef/index.ts';
import type { Def, DefComponent, DefNet, DefPin, PlacementStatus } from './model.ts';

/** DEF escapes special characters with a backslash; names compare unescaped. */
export function unescapeDef(name: string): string {
  return name.replace(/\\(.)/g, '$1');
}

const statuses = new Set(['PLACED', 'FIXED', 'COVER', 'UNPLACED']);

class DefReader extends StatementReader {
  /** `( x y )` at s[i]; returns the numbers and the index after ")". */
  point(s: IToken[], i: number): [number, number, number] {
    if (s[i]?.image !== '(') throw this.ts.error('expected "(" starting a point', s[i]);
    const x = this.num(s[i + 1], 'an x coordinate');
    const y = this.num(s[i + 2], 'a y coordinate');
    let j = i + 3;
    while (j < s.length && s[j]!.image !== ')') j++;
    if (j >= s.length) throw this.ts.error('expected ")" closing a point', s[i]);
    return [x, y, j + 1];
  }

  /** Items `- ... ;` of a section until `END section`. */
  section(name: string, head: IToken, item: (s: IToken[]) => void): void {
    this.statement();
    for (;;) {
      const t = this.ts.peek();
      if (t === undefined) throw this.ts.error(`missing END ${name} for the section at line ${head.startLine}`);
      if (t.image === 'END') {
        this.ts.next();
        const n = this.ts.next(name);
        if (n.image !== name) throw this.ts.error(`expected END ${name}`, n);
        return;
      }
      if (t.image !== '-') throw this.ts.error(`expected "-" starting an item of ${name}`, t);
      this.ts.next();
      item(this.statement());
    }
  }

  component(s: IToken[]): DefComponent {
    const name = s[0];
    const macro = s[1];
    if (!name || !macro) throw this.ts.error('a component needs a name and a macro', s[0]);
    let status: PlacementStatus = 'UNPLACED';
    let x: number | undefined;
    let y: number | undefined;
    let orient = 'N';
    for (let i = 2; i < s.length; i++) {
      if (s[i]!.image === '+' && statuses.has(s[i + 1]?.image ?? '')) {
        status = s[i + 1]!.image as PlacementStatus;
        if (status !== 'UNPLACED') {
          const [px, py, next] = this.point(s, i + 2);
          x = px;
          y = py;
          orient = s[next]?.image ?? 'N';
          i = next;
        }
      }
    }
    return { name: unescapeDef(name.image), macro: macro.image, status, x, y, orient, line: name.startLine ?? 1 };
  }

  pin(s: IToken[]): DefPin {
    const name = s[0];
    if (!name) throw this.ts.error('a pin needs a name');
    const pin: { -readonly [K in keyof DefPin]: DefPin[K] } = { name: unescapeDef(name.image), net: unescapeDef(name.image) };
    for (let i = 1; i < s.length; i++) {
      if (s[i]!.image !== '+') continue;
      const k = s[i + 1]?.image;
      if (k === 'NET') pin.net = unescapeDef(s[i + 2]?.image ?? pin.net);
      else if (k === 'DIRECTION') pin.direction = s[i + 2]?.image;
      else if (k === 'USE') pin.use = s[i + 2]?.image;
      else if (k === 'PLACED' || k === 'FIXED' || k === 'COVER') {
        const [x, y] = this.point(s, i + 2);
        pin.x = x;
        pin.y = y;
      }
    }
    return pin;
  }

  net(s: IToken[]): DefNet {
    const name = s[0];
    if (!name) throw this.ts.error('a net needs a name');
    const net: { name: string; conns: { inst: string; pin: string }[]; use?: string; line: number } = { name: unescapeDef(name.image), conns: [], line: name.startLine ?? 1 };
    let i = 1;
    while (i < s.length && s[i]!.image === '(') {
      const inst = s[i + 1];
      const pin = s[i + 2];
      if (!inst || !pin || pin.image === ')') throw this.ts.error('a net connection is ( component pin )', s[i]);
      net.conns.push({ inst: unescapeDef(inst.image), pin: unescapeDef(pin.image) });
      i += 3;
      while (i < s.length && s[i]!.image !== ')') i++;
      i++;
    }
    for (; i < s.length; i++) if (s[i]!.image === '+' && s[i + 1]?.image === 'USE') net.use = s[i + 2]?.image;
    return net;
  }

  read(file: string): Def {
    const def: { -readonly [K in keyof Def]: Def[K] } = {
      file, design: '', dbuPerMicron: 0, rows: [], components: [], pins: [], nets: [], busBitChars: '[]', dividerChar: '/',
    };
    for (;;) {
      const t = this.ts.peek();
      if (t === undefined) return def;
      switch (t.image) {
        case 'END':
          this.ts.next();
          if (this.ts.peek()?.image !== 'DESIGN') throw this.ts.error('expected END DESIGN', this.ts.peek());
          this.ts.next();
          return def;
        case 'COMPONENTS': this.ts.next(); this.section('COMPONENTS', t, (s) => def.components.push(this.component(s))); break;
        case 'PINS': this.ts.next(); this.section('PINS', t, (s) => def.pins.push(this.pin(s))); break;
        case 'NETS': this.ts.next(); this.section('NETS', t, (s) => def.nets.push(this.net(s))); break;
        case 'SPECIALNETS': case 'VIAS': case 'NONDEFAULTRULES': case 'REGIONS': case 'GROUPS': case 'BLOCKAGES': case 'FILLS': case 'SCANCHAINS': case 'STYLES': case 'PROPERTYDEFINITIONS':
          this.ts.next();
          this.skipSection(t);
          break;
        default: {
          const s = this.statement();
          const k = s[0]?.image;
          if (k === 'DESIGN') def.design = s[1]?.image ?? '';
          else if (k === 'UNITS') def.dbuPerMicron = this.num(s[3], 'database units per micron');
          else if (k === 'BUSBITCHARS') def.busBitChars = (s[1]?.image ?? '"[]"').replace(/"/g, '');
          else if (k === 'DIVIDERCHAR') def.dividerChar = (s[1]?.image ?? '"/"').replace(/"/g, '');
          else if (k === 'DIEAREA') {
            const [x1, y1, n] = this.point(s, 1);
            const [x2, y2] = this.point(s, n);
            def.dieArea = { x1, y1, x2, y2 };
          } else if (k === 'ROW') {
            const [x, y, count, step] = [s[3], s[4], s[7], s[10]].map((v) => Number(v?.image));
            def.rows.push({ name: s[1]?.image ?? '', site: s[2]?.image ?? '', x: x!, y: y!, orient: s[5]?.image ?? 'N', count: count!, step: step! });
          } else if (k === undefined) throw this.ts.error('empty statement');
        }
      }
    }
  }

  /** Skips a section we do not model (its items may hold anything up to END name). */
  skipSection(head: IToken): void {
    const name = head.image;
    for (;;) {
      const t = this.ts.next(`END ${name}`);
      if (t.image === 'END' && this.ts.peek()?.image === name) {
        this.ts.next();
        return;
      }
    }
  }
}

export function parseDef(text: string, file: string): Def {
  return new DefReader(TokenStream.lex(lefDefLexer, text, file, 'DEF')).read(file);
}

export function readDef(file: string, flag?: string): Def {
  return parseDef(readTextFile(file, flag), file);
}
