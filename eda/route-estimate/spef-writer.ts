import { rcTotals, type RcNet } from './rc-net.ts';

export interface SpefHeader {
  readonly design: string;
  readonly program?: string;
  /** Directions of the top-level ports (`I`, `O`, `B`) by name. */
  readonly ports?: ReadonlyMap<string, 'I' | 'O' | 'B'>;
}

/**
 * Escapes a name for SPEF: any character but letters, digits and `_` gets a backslash. A trailing
 * `[n]` on a plain identifier is a bus bit and stays; in a name that needs escaping anyway (an
 * escaped Verilog identifier such as Yosys's `dpath.a_lt_b$in1[5]`) the brackets are part of the
 * name and are escaped too, as OpenSTA and OpenRCX read and write them.
 */
export function escapeSpef(name: string): string {
  const bus = /^([A-Za-z_][A-Za-z0-9_]*)(\[\d+\])$/.exec(name);
  if (bus) return name;
  return name.replace(/[^A-Za-z0-9_]/g, (c) => `\\${c}`);
}

/**
 * Writes routed nets as SPEF (IEEE 1481): a name map for nets and instances, ports, and per net
 * `*D_NET` with its connections (the first pin drives), ground capacitances (pF) and resistors
 * (ohm). Pin nodes are `inst:pin` (or the port), internal nodes `net:k`. Pin capacitances are
 * not included (the timer adds them from Liberty).
 */
export function writeSpef(nets: readonly RcNet[], header: SpefHeader): string {
  const out: string[] = [
    '*SPEF "IEEE 1481-1998"',
    `*DESIGN "${header.design}"`,
    `*DATE "${new Date(0).toUTCString()}"`,
    '*VENDOR "Tessera"',
    `*PROGRAM "${header.program ?? 'tessera route-estimate'}"`,
    '*VERSION "1"',
    '*DESIGN_FLOW "PIN_CAP NONE"',
    '*DIVIDER /',
    '*DELIMITER :',
    '*BUS_DELIMITER [ ]',
    '*T_UNIT 1 NS',
    '*C_UNIT 1 PF',
    '*R_UNIT 1 OHM',
    '*L_UNIT 1 HENRY',
    '',
  ];
  const ports = header.ports ?? new Map<string, 'I' | 'O' | 'B'>();
  const map = new Map<string, string>();
  const mapped = (name: string): string => {
    let m = map.get(name);
    if (m === undefined) {
      m = `*${map.size + 1}`;
      map.set(name, m);
    }
    return m;
  };
  // A pin node `inst:pin` maps its instance; a port keeps its own (escaped) name.
  const nodeName = (node: string, net: RcNet, index: number): string => {
    if (index >= net.pins) return `${mapped(net.name)}:${node.slice(node.lastIndexOf(':') + 1)}`;
    const colon = node.lastIndexOf(':');
    if (colon < 0 || ports.has(node)) return escapeSpef(node);
    return `${mapped(`inst ${node.slice(0, colon)}`)}:${escapeSpef(node.slice(colon + 1))}`;
  };
  const body: string[] = [];
  const fmt = (v: number) => Number(v.toPrecision(6)).toString();
  for (const net of nets) {
    const totals = rcTotals(net);
    body.push(`*D_NET ${mapped(net.name)} ${fmt(totals.cap * 1e12)}`, '*CONN');
    for (let i = 0; i < net.pins; i++) {
      const node = net.nodes[i]!;
      const dir = i === 0 ? 'O' : 'I';
      if (ports.has(node) && node.lastIndexOf(':') < 0) body.push(`*P ${escapeSpef(node)} ${ports.get(node) === 'O' ? 'O' : ports.get(node) === 'B' ? 'B' : 'I'}`);
      else body.push(`*I ${nodeName(node, net, i)} ${dir}`);
    }
    body.push('*CAP');
    let k = 0;
    net.cap.forEach((c, i) => {
      if (c > 0) body.push(`${++k} ${nodeName(net.nodes[i]!, net, i)} ${fmt(c * 1e12)}`);
    });
    body.push('*RES');
    k = 0;
    net.parent.forEach((p, i) => {
      if (p >= 0) body.push(`${++k} ${nodeName(net.nodes[p]!, net, p)} ${nodeName(net.nodes[i]!, net, i)} ${fmt(net.res[i]!)}`);
    });
    body.push('*END', '');
  }
  out.push('*NAME_MAP');
  for (const [name, m] of map) out.push(`${m} ${escapeSpef(name.startsWith('inst ') ? name.slice(5) : name)}`);
  out.push('');
  if (ports.size > 0) {
    out.push('*PORTS');
    for (const [p, d] of ports) out.push(`${escapeSpef(p)} ${d}`);
    out.push('');
  }
  return `${out.concat(body).join('\n')}\n`;
}
