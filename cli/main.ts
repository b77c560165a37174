import { pathToFileURL } from 'node:url';
import { isInterrupted, isUserError } from '../util/index.ts';
import { formatFlagHelp, parseFlags } from './flags.ts';
import { commands, type CommandEntry } from './commands/index.ts';

const topHelp = `tessera: MixPE array simulation, Verilog generation, synthesis, QoR prediction and timing

usage: tessera <command> [flags]     tessera <command> --help

commands:`;

function listCommands(entries: readonly CommandEntry[]): string {
  const rows = entries.map((c) => [c.path.join(' '), c.summary]);
  const width = Math.max(0, ...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`).join('\n');
}

/** Runs the CLI and returns the exit code; never throws for user mistakes. */
export async function main(argv: readonly string[]): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  // Longest command path that matches the leading words.
  const entry = [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((w, i) => argv[i] === w));
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (!entry) {
    const group = commands.filter((c) => words.length > 0 && c.path[0] === words[0]);
    if (argv.length === 0 || (wantsHelp && group.length === 0 && words.length === 0)) {
      console.log(`${topHelp}\n${listCommands(commands)}`);
      return argv.length === 0 ? 1 : 0;
    }
    if (group.length > 0) {
      console.log(`tessera ${words[0]}: sub-commands\n${listCommands(group)}\n\nrun 'tessera ${words[0]} <sub-command> --help' for its flags`);
      return wantsHelp ? 0 : 1;
    }
    console.error(`tessera: unknown command '${words[0] ?? argv[0]}' (run 'tessera --help' for the list)`);
    return 2;
  }
  const cmd = await entry.load();
  const rest = argv.slice(entry.path.length);
  if (wantsHelp) {
    const usage = `usage: tessera ${cmd.path.join(' ')}${cmd.positionals ? ` ${cmd.positionals}` : ''} [flags]`;
    console.log(`${cmd.summary}\n\n${usage}\n\nflags:\n${formatFlagHelp(cmd.flags)}${cmd.details ? `\n\n${cmd.details}` : ''}`);
    return 0;
  }
  try {
    const { flags, positionals } = parseFlags(rest, cmd.flags);
    return (await cmd.run(flags, positionals)) ?? 0;
  } catch (e) {
    if (isUserError(e)) {
      console.error(`tessera ${cmd.path.join(' ')}: ${e.format()}`);
      return 1;
    }
    // A long job stopped by Ctrl-C or a kill after saving its state: the shell's 130 or 143.
    if (isInterrupted(e)) {
      console.error(`tessera ${cmd.path.join(' ')}: ${e.message}`);
      return e.exitCode;
    }
    throw e;
  }
}

// This module is the CLI's library half; bin/tessera.js is the entry point (it installs the Ctrl-C
// handling and calls main). Run directly, it would exit 0 having done nothing: say so instead.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.error('cli/main.ts is not an entry point: run `npx tessera <command>` (bin/tessera.js), e.g. `npx tessera --help`');
  process.exitCode = 2;
}
