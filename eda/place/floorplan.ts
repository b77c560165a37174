import { UserError } from '../../util/index.ts';
import type { Lef, TimingGraph } from '../timing/index.ts';
import type { Floorplan, PlaceRow } from './model.ts';

export interface FloorplanOptions {
  /** Cell area over core area (default 0.6). */
  readonly utilization?: number;
  /** Core height over width (default 1). */
  readonly aspectRatio?: number;
  /** Space between core and die edge, in row heights (default 2). */
  readonly marginRows?: number;
}

/** The core site: the SITE most macros of the netlist use (or the LEF's only CORE-sized site). */
function coreSite(graph: TimingGraph, lef: Lef): { name: string; width: number; height: number } {
  const count = new Map<string, number>();
  for (const inst of graph.instances) {
    const s = lef.macros.get(inst.cell.name)?.site;
    if (s) count.set(s, (count.get(s) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [s, k] of count) if (best === undefined || k > count.get(best)!) best = s;
  const site = best ? lef.sites.get(best) : [...lef.sites.values()][0];
  if (!site) throw new UserError('LEF defines no SITE', '--lef', 'give the technology LEF (it defines the core site)');
  return site;
}

/**
 * A square-ish core sized for a target utilization, filled with site rows alternating FS and N
 * (as OpenROAD's initialize_floorplan), with a margin to the die edge.
 */
export function makeFloorplan(graph: TimingGraph, lef: Lef, options: FloorplanOptions = {}): Floorplan {
  const util = options.utilization ?? 0.6;
  if (!(util > 0 && util < 1)) throw new UserError(`utilization ${util} is not between 0 and 1`, '--utilization', 'give a fraction such as 0.6');
  const aspect = options.aspectRatio ?? 1;
  const site = coreSite(graph, lef);
  let area = 0;
  for (const inst of graph.instances) {
    const m = lef.macros.get(inst.cell.name);
    if (m) area += m.width * m.height;
  }
  const core = Math.max(area / util, site.width * site.height * 4);
  const rowCount = Math.max(1, Math.ceil(Math.sqrt(core * aspect) / site.height));
  const sites = Math.max(1, Math.ceil(core / (rowCount * site.height) / site.width));
  const margin = (options.marginRows ?? 2) * site.height;
  const rows: PlaceRow[] = [];
  for (let r = 0; r < rowCount; r++) {
    rows.push({ name: `ROW_${r}`, site: site.name, x: margin, y: margin + r * site.height, sites, siteWidth: site.width, height: site.height, orient: r % 2 === 0 ? 'FS' : 'N' });
  }
  return {
    die: { x1: 0, y1: 0, x2: 2 * margin + sites * site.width, y2: 2 * margin + rowCount * site.height },
    rows,
    dbu: lef.dbuPerMicron ?? 1000,
  };
}
