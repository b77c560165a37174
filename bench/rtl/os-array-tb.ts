// The Verilator C++ driver for os-array.v, generated for one array size (port types depend on the
// bus widths: up to 64 bits a plain integer, wider a VlWide of 32-bit words).

function assignRandom(port: string, bits: number): string {
  if (bits <= 64) {
    const mask = bits === 64 ? '~0ull' : `((1ull << ${bits}) - 1)`;
    return `top->${port} = ((((uint64_t)next()) << 32) | next()) & ${mask};`;
  }
  const words = Math.ceil(bits / 32);
  const topBits = bits - (words - 1) * 32;
  const topMask = topBits === 32 ? '0xffffffffu' : `((1u << ${topBits}) - 1)`;
  return `for (int i = 0; i < ${words}; i++) top->${port}[i] = next();\n    top->${port}[${words - 1}] &= ${topMask};`;
}

/** C++ main: N cycles of random operands (group tag every 128 cycles); prints wall and CPU seconds. */
export function osArrayTestbench(rows: number, cols: number, wa: number, ww: number, lanes = 1, kp = 1): string {
  const lastAll = rows === 64 ? '~0ull' : `((1ull << ${rows}) - 1)`;
  return `#include "Vos_array.h"
#include "verilated.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <ctime>

int main(int argc, char** argv) {
  const long cycles = argc > 1 ? atol(argv[1]) : 100000;
  Verilated::commandArgs(argc, argv);
  Vos_array* top = new Vos_array;
  uint32_t state = 12345;
  auto next = [&]() { state = state * 1664525u + 1013904223u; return state; };
  long long checksum = 0;
  top->clk = 0;
  top->eval();
  auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  for (long t = 0; t < cycles; t++) {
    ${assignRandom('a_feed', rows * kp * wa)}
    ${assignRandom('w_feed', cols * lanes * kp * ww)}
    top->last_feed = (t % 128 == 127) ? ${lastAll} : 0ull;
    top->sel_r = t % ${rows};
    top->sel_c = (t / ${rows}) % ${cols};
    top->sel_l = (t / ${rows * cols}) % ${lanes};
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
    checksum += (int32_t)top->gp_out;
  }
  const std::clock_t c1 = std::clock();
  auto t1 = std::chrono::steady_clock::now();
  // wall seconds, CPU seconds, checksum
  printf("%.6f %.6f %lld\\n", std::chrono::duration<double>(t1 - t0).count(), double(c1 - c0) / CLOCKS_PER_SEC, checksum);
  delete top;
  return 0;
}
`;
}
