/**
 * The options each SDC command takes. Every option OpenSTA knows is either read (`valued`/`flags`)
 * or refused with the reason (`refused`); anything else is an unknown option. Nothing is dropped
 * silently.
 */
export interface OptionSpec {
  /** Options followed by a value. */
  readonly valued?: readonly string[];
  /** Options without a value. */
  readonly flags?: readonly string[];
  /** Options this engine does not model, with what to do instead. */
  readonly refused?: Readonly<Record<string, string>>;
}

export const MIN_MAX = ['-min', '-max'] as const;
export const RISE_FALL = ['-rise', '-fall'] as const;

const objectOptions: OptionSpec = {
  valued: ['-filter', '-of_objects'],
  flags: ['-hierarchical', '-hier', '-quiet', '-regexp', '-nocase'],
};

const portDelayOptions: OptionSpec = {
  valued: ['-clock'],
  flags: ['-clock_fall', '-add_delay', ...MIN_MAX, ...RISE_FALL],
  refused: {
    '-reference_pin': 'give the delay relative to the clock itself',
    '-network_latency_included': 'give the delay without the clock network latency',
    '-source_latency_included': 'give the delay without the clock source latency',
  },
};

/** Option specs by command (the object queries share one). */
export const commandOptions: Readonly<Record<string, OptionSpec>> = {
  get_ports: objectOptions,
  get_pins: objectOptions,
  get_cells: objectOptions,
  get_nets: objectOptions,
  get_clocks: { ...objectOptions, flags: [...objectOptions.flags!, '-include_generated_clocks'] },
  all_inputs: { flags: ['-no_clocks'] },
  all_outputs: {},
  all_clocks: {},
  all_registers: { refused: { '-clock': 'not modelled', '-rise_clock': 'not modelled', '-fall_clock': 'not modelled', '-cells': 'not modelled', '-data_pins': 'use get_pins', '-clock_pins': 'use get_pins', '-async_pins': 'use get_pins', '-output_pins': 'use get_pins', '-level_sensitive': 'latches are not timed', '-edge_triggered': 'not modelled' } },
  create_clock: {
    valued: ['-name', '-period', '-waveform', '-comment'],
    flags: [],
    refused: { '-add': 'one clock per source pin: name the clocks on different pins' },
  },
  set_input_delay: portDelayOptions,
  set_output_delay: portDelayOptions,
  set_load: { flags: ['-pin_load', '-wire_load'], refused: { '-min': 'one load per port: drop -min/-max', '-max': 'one load per port: drop -min/-max', '-subtract_pin_load': 'give the external load only', '-rise': 'one load for both transitions', '-fall': 'one load for both transitions' } },
  set_input_transition: { flags: [...MIN_MAX, ...RISE_FALL], refused: { '-clock': 'give the slew without a clock', '-clock_fall': 'give the slew without a clock' } },
  set_driving_cell: {
    valued: ['-lib_cell', '-library', '-pin', '-from_pin', '-input_transition_rise', '-input_transition_fall'],
    // No operating-condition scaling or design rules are derived from the driving cell in any case.
    flags: ['-dont_scale', '-no_design_rule'],
    refused: { '-multiply_by': 'use a stronger or weaker cell', '-min': 'one driving cell for early and late', '-max': 'one driving cell for early and late', '-rise': 'one driving cell for both transitions', '-fall': 'one driving cell for both transitions', '-cell': 'use -lib_cell', '-clock': 'give the driving cell without a clock', '-clock_fall': 'give the driving cell without a clock' },
  },
  set_clock_uncertainty: {
    flags: ['-setup', '-hold'],
    refused: { '-from': 'inter-clock uncertainty is not modelled', '-to': 'inter-clock uncertainty is not modelled', '-rise_from': 'inter-clock uncertainty is not modelled', '-fall_from': 'inter-clock uncertainty is not modelled', '-rise_to': 'inter-clock uncertainty is not modelled', '-fall_to': 'inter-clock uncertainty is not modelled', '-rise': 'one uncertainty for both edges', '-fall': 'one uncertainty for both edges' },
  },
  set_clock_transition: { refused: { '-rise': 'one clock slew for both edges', '-fall': 'one clock slew for both edges', '-min': 'one clock slew for early and late', '-max': 'one clock slew for early and late' } },
  set_clock_latency: {
    valued: ['-clock'],
    flags: ['-source'],
    refused: { '-min': 'one latency for early and late', '-max': 'one latency for early and late', '-early': 'one latency for early and late', '-late': 'one latency for early and late', '-rise': 'one latency for both edges', '-fall': 'one latency for both edges' },
  },
  set_propagated_clock: {},
  set_false_path: {
    valued: ['-from', '-to', '-rise_from', '-fall_from', '-rise_to', '-fall_to', '-comment'],
    flags: ['-setup', '-hold'],
    refused: {
      '-through': 'arrivals are kept per pin, not per path: use -from and/or -to',
      '-rise_through': 'arrivals are kept per pin, not per path: use -from and/or -to',
      '-fall_through': 'arrivals are kept per pin, not per path: use -from and/or -to',
      '-reset_path': 'not modelled',
    },
  },
  group_path: {
    valued: ['-name', '-from', '-to', '-comment'],
    refused: {
      '-through': 'groups are assigned per endpoint and launch clock: use -from clocks and/or -to',
      '-rise_through': 'use -from clocks and/or -to', '-fall_through': 'use -from clocks and/or -to',
      '-rise_from': 'use -from', '-fall_from': 'use -from', '-rise_to': 'use -to', '-fall_to': 'use -to',
      '-default': 'paths outside every group are reported under their capture clock already',
      '-weight': 'not modelled', '-critical_range': 'not modelled',
    },
  },
  set_case_analysis: {},
  set_timing_derate: {
    flags: ['-early', '-late', '-cell_delay', '-net_delay'],
    refused: { '-clock': 'one derate for clock and data paths', '-data': 'one derate for clock and data paths', '-rise': 'one derate for both transitions', '-fall': 'one derate for both transitions', '-cell_check': 'check margins are not derated', '-increment': 'not modelled', '-static': 'not modelled', '-dynamic': 'not modelled' },
  },
  set_max_transition: { flags: ['-clock_path', '-data_path'], refused: { '-rise': 'one limit for both transitions', '-fall': 'one limit for both transitions' } },
  set_max_capacitance: {},
  set_max_fanout: {},
  set_units: { valued: ['-time', '-capacitance', '-resistance', '-voltage', '-current', '-power', '-distance'] },
  set_load_unit: { flags: ['-picofarads', '-femtofarads', '-farads'] },
  set_wire_load_model: { valued: ['-name', '-library'], refused: { '-min': 'one wire-load model for early and late', '-max': 'one wire-load model for early and late' } },
  set_wire_load_mode: {},
  current_design: {},
  set_max_area: {},
  set_dont_touch: {},
};
