import { runSynth } from './run';

// On a terminal, progress rewrites one line; in a log file, where each \r would pile onto one
// long line, it gets a line of its own every few seconds.
const terminal = process.stderr.isTTY === true;
const LOGGED_PROGRESS_MS = 10_000;
let lastProgress = -Infinity;
function progress(line: string): void {
  if (terminal) return void process.stderr.write(`\r${line}`);
  if (performance.now() - lastProgress < LOGGED_PROGRESS_MS) return;
  lastProgress = performance.now();
  process.stderr.write(`${line}\n`);
}

// The report goes to stderr, so stdout stays free for --help (and for piping it).
const code = await runSynth(process.argv.slice(2), {
  log: (line) => process.stderr.write(terminal ? `\r${line}\n` : `${line}\n`),
  progress,
  usage: (text) => process.stdout.write(text),
  error: (line) => process.stderr.write(`\n${line}\n`),
});
// A failed run may leave handles open (a Dawn device, a half-read file): exit now rather than wait on them.
if (code !== 0) process.exit(code);
process.exitCode = code;
