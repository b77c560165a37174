/**
 * Constraints in the manner of OpenLane's default base.sdc: one clock on the clock port, inputs
 * and outputs at 20% of the period, inputs driven by a library inverter, outputs loaded, clock
 * uncertainty 0.25 and transition 0.15 (library time units: ns for sky130 and Nangate45).
 */
export function defaultSdc(o: { clockPort: string; periodNs: number; drivingCell: [string, string]; outputLoad: number; ioFraction?: number }): string {
  const io = (o.ioFraction ?? 0.2) * o.periodNs;
  const fmt = (v: number) => Number(v.toPrecision(6)).toString();
  return [
    `create_clock -name ${o.clockPort} -period ${fmt(o.periodNs)} [get_ports {${o.clockPort}}]`,
    `set_input_delay ${fmt(io)} -clock ${o.clockPort} [all_inputs]`,
    `set_output_delay ${fmt(io)} -clock ${o.clockPort} [all_outputs]`,
    `set_driving_cell -lib_cell ${o.drivingCell[0]} -pin ${o.drivingCell[1]} [all_inputs]`,
    `set_load ${fmt(o.outputLoad)} [all_outputs]`,
    `set_clock_uncertainty 0.25 [get_clocks ${o.clockPort}]`,
    `set_clock_transition 0.15 [get_clocks ${o.clockPort}]`,
    '',
  ].join('\n');
}
