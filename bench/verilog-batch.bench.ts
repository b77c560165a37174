// Checking many small files: `tessera verilog check --each` (one process, start-up paid once; with
// --jobs 2 over two worker threads) against `iverilog -g2005` run once per file, on a folder of 600
// files of the labelled corpus (or of the folder VERILOG_BATCH_DIR, with its `include folder
// VERILOG_BATCH_INCLUDE), same run. Wall and CPU seconds (children included) come from bash's
// `time`; the machine's load is printed beside them, since other jobs share the two cores.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { projectRoot } from '../util/index.ts';
import { listVerilogFiles } from '../eda/verilog/index.ts';
import { readCorpus } from '../eda/verilog/agreement/index.ts';
import { printComparison } from './compare.ts';

const fileCount = 600;
const root = join(projectRoot(), 'test', 'verilog-corpus');
const folder = process.env.VERILOG_BATCH_DIR;
const sources = (folder ? listVerilogFiles(folder) : readCorpus(root).map((e) => e.path)).slice(0, fileCount);
if (spawnSync('iverilog', ['-V']).error) {
  console.log('verilog-batch bench: iverilog not found on PATH (apt-get install iverilog); nothing measured');
  process.exit(0);
}

// A flat folder of the files (names made unique), with the corpus's include folder beside them.
const dir = mkdtempSync(join(tmpdir(), 'tessera-vbatch-'));
const include = join(dir, 'include');
const includeSource = folder ? process.env.VERILOG_BATCH_INCLUDE : join(root, 'include');
if (includeSource) cpSync(includeSource, include, { recursive: true });
else mkdirSync(include);
const files = sources.map((source, k) => {
  const path = join(dir, `${String(k).padStart(3, '0')}_${basename(source)}`);
  cpSync(source, path);
  return path;
});
const list = join(dir, 'files.txt');
writeFileSync(list, files.join('\n') + '\n');

interface Timing { wall: number; cpu: number; rejected: number }

/** Runs a bash script under `time`; the script prints one line per rejected file on stdout. */
function timed(script: string): Timing {
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; { time ( ${script} ) ; } 2>"${dir}/time.txt"; cat "${dir}/time.txt" >&2`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const [wall, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: user + sys, rejected: r.stdout.split('\n').filter((l) => l.startsWith('REJECT')).length };
}

const tessera = join(projectRoot(), 'bin', 'tessera.js');
const ours = (extra: string) =>
  `node "${tessera}" verilog check --each ${extra} --include "${include}" $(cat "${list}") 2>/dev/null | sed -n 's/: [0-9]* error.*$//p' | sed 's/^/REJECT /'`;
const iverilogOne = `f="$1"; iverilog -g2005 -o /dev/null -I"${include}" "$f" >/dev/null 2>&1 || echo "REJECT $f"`;

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`${files.length} files of ${folder ?? 'the labelled corpus'}; load ${load()}`);
const iverilogSerial = timed(`while read -r f; do set -- "$f"; ${iverilogOne}; done < "${list}"`);
const oursSerial = timed(ours(''));
const iverilogTwo = timed(`xargs -P 2 -n 1 bash -c '${iverilogOne.replace(/'/g, `'\\''`)}' _ < "${list}"`);
const oursTwo = timed(ours('--jobs 2'));
console.log(`load after: ${load()}`);
const show = (name: string, t: Timing) => console.log(`  ${name}: wall ${t.wall.toFixed(2)} s, cpu ${t.cpu.toFixed(2)} s, ${t.rejected} files rejected`);
show('iverilog -g2005, one process per file', iverilogSerial);
show('iverilog -g2005, per file, 2 at a time', iverilogTwo);
show('tessera verilog check --each', oursSerial);
show('tessera verilog check --each --jobs 2', oursTwo);
printComparison(`${files.length} files, one core (wall)`, 's', oursSerial.wall, 'iverilog per file', iverilogSerial.wall, false);
printComparison(`${files.length} files, one core (cpu)`, 's', oursSerial.cpu, 'iverilog per file', iverilogSerial.cpu, false);
printComparison(`${files.length} files, two cores (wall)`, 's', oursTwo.wall, 'iverilog per file, 2 at a time', iverilogTwo.wall, false);
printComparison('per file (wall, one core)', 'ms', (1000 * oursSerial.wall) / files.length, 'iverilog per file', (1000 * iverilogSerial.wall) / files.length, false);
rmSync(dir, { recursive: true, force: true });
