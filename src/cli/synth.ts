import { runSynth } from './run';

// The report goes to stderr, so stdout stays free for --help (and for piping it).
const code = await runSynth(process.argv.slice(2), {
  log: (line) => process.stderr.write(`\r${line}\n`),
  progress: (line) => process.stderr.write(`\r${line}`),
  usage: (text) => process.stdout.write(text),
  error: (line) => process.stderr.write(`\n${line}\n`),
});
// A failed run may leave handles open (a Dawn device, a half-read file): exit now rather than wait on them.
if (code !== 0) process.exit(code);
process.exitCode = code;
