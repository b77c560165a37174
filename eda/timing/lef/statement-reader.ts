import type { IToken } from 'chevrotain';
import type { TokenStream } from '../common/token-stream.ts';

/** What LEF and DEF readers share: `... ;` statements and numbers with located errors. */
export class StatementReader {
  constructor(readonly ts: TokenStream) {}

  /** The rest of a statement up to ";" (consumed). */
  statement(): IToken[] {
    const out: IToken[] = [];
    for (;;) {
      const t = this.ts.next('";"');
      if (t.tokenType.name === 'Semi') return out;
      out.push(t);
    }
  }

  num(t: IToken | undefined, what: string): number {
    const v = Number(t?.image);
    if (t === undefined || !Number.isFinite(v)) throw this.ts.error(`expected ${what}`, t);
    return v;
  }
}
