import type { PlaceProblem, Placement } from './model.ts';

/**
 * DEF names escape the hierarchy divider, the escape character and `#`; the brackets of a name
 * that is not a plain identifier or bus bit (an escaped Verilog identifier) are escaped too.
 */
export function escapeDef(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?$/.test(name)) return name;
  return name.replace(/[/\\#[\]]/g, (c) => `\\${c}`);
}

/**
 * Writes a placed design as DEF 5.8: die, rows, components (movable cells PLACED, obstacles
 * FIXED, each with its orientation), ports as PINS with their placement, and the nets'
 * connectivity (no routing).
 */
export function writeDef(problem: PlaceProblem, p: Placement): string {
  const fp = problem.floorplan;
  const dbu = fp.dbu;
  const u = (v: number) => Math.round(v * dbu);
  const out: string[] = [
    'VERSION 5.8 ;', 'DIVIDERCHAR "/" ;', 'BUSBITCHARS "[]" ;', `DESIGN ${escapeDef(problem.design)} ;`, `UNITS DISTANCE MICRONS ${dbu} ;`,
    `DIEAREA ( ${u(fp.die.x1)} ${u(fp.die.y1)} ) ( ${u(fp.die.x2)} ${u(fp.die.y2)} ) ;`,
  ];
  for (const r of fp.rows) out.push(`ROW ${r.name} ${r.site} ${u(r.x)} ${u(r.y)} ${r.orient} DO ${r.sites} BY 1 STEP ${u(r.siteWidth)} 0 ;`);
  const comps = problem.cells.map((c, i) => ({ c, i })).filter(({ c }) => !c.isPort);
  out.push(`COMPONENTS ${comps.length} ;`);
  for (const { c, i } of comps) out.push(`    - ${escapeDef(c.name)} ${c.macro} + ${c.fixed ? 'FIXED' : 'PLACED'} ( ${u(p.x[i]!)} ${u(p.y[i]!)} ) ${p.orient[i]} ;`);
  out.push('END COMPONENTS');
  const ports = problem.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.isPort);
  const netOfPort = new Map<number, string>();
  for (const net of problem.nets) for (const pin of net.pins) if (problem.cells[pin.cell]!.isPort) netOfPort.set(pin.cell, net.name);
  out.push(`PINS ${ports.length} ;`);
  for (const { c, i } of ports) {
    out.push(`    - ${escapeDef(c.name)} + NET ${escapeDef(netOfPort.get(i) ?? c.name)} + DIRECTION ${c.direction ?? 'INPUT'} + USE SIGNAL + PLACED ( ${u(p.x[i]!)} ${u(p.y[i]!)} ) N ;`);
  }
  out.push('END PINS');
  out.push(`NETS ${problem.nets.length} ;`);
  for (const net of problem.nets) {
    const conns = net.pins.map((pin) => {
      const cell = problem.cells[pin.cell]!;
      return cell.isPort ? `( PIN ${escapeDef(cell.name)} )` : `( ${escapeDef(cell.name)} ${pin.pin ?? ''} )`;
    });
    out.push(`    - ${escapeDef(net.name)} ${conns.join(' ')} + USE SIGNAL ;`);
  }
  out.push('END NETS', 'END DESIGN', '');
  return out.join('\n');
}
