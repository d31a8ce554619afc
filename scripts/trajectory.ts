// `npx tsx scripts/trajectory.ts TABLES [PARTS] [--config JSON]`, e.g. `customers,adult 8`
// How a default run's rows improve over its length: trains each table of the small-table suite
// (or Adult) on the bench's 80 % split, seed 26, in PARTS equal parts, always generating with the
// latest generator, and after each part judges as many rows as the training rows on detection
// (the bench's, and the one early stopping uses), column shapes and pair trends.
// A benchmark: it prints one line per part and asserts nothing.
import { readFileSync } from 'node:fs';
import { sampleTable, splitTable } from '../src/bench/benchmark';
import { smallTables } from '../src/bench/smallTables';
import { startNodeBackend } from '../src/core/backend/node';
import { parseDelimitedText } from '../src/core/data/parse';
import { selectRows, type Table } from '../src/core/data/table';
import { detection } from '../src/core/metrics/detection';
import { columnShapes } from '../src/core/metrics/fidelity';
import { pairTrends } from '../src/core/metrics/pairs';
import { DEFAULT_CONFIG, type ModelConfig } from '../src/core/model/config';
import { Session } from '../src/core/session/session';
import { STOP_DETECTION } from '../src/core/train/tabularModel';

async function main(): Promise<void> {
  const wanted = (process.argv[2] ?? 'customers').split(',');
  const parts = Number(process.argv[3] ?? 8);
  const i = process.argv.indexOf('--config');
  const extra = JSON.parse(i > 0 ? process.argv[i + 1] : '{}') as Partial<ModelConfig>;
  await startNodeBackend('node');
  const suite: { name: string; table: Table }[] = smallTables();
  suite.push({ name: 'adult', table: parseDelimitedText(readFileSync('public/adult.csv', 'utf8')) });
  for (const { name, table } of suite.filter((t) => wanted.includes(t.name))) {
    const { train } = splitTable(table, 26);
    const session = Session.fromTable(name, train);
    const { schema } = session;
    const plan = session.prepare({ ...DEFAULT_CONFIG, seed: 26, ...extra, keepBest: false });
    const chunk = Math.ceil(plan.epochs / parts);
    const t0 = performance.now();
    for (let done = 0; done < plan.epochs; ) {
      const n = Math.min(chunk, plan.epochs - done);
      await session.train({}, n);
      done += n;
      const synth = await sampleTable(session, train.rowCount);
      const first = selectRows(train, Array.from({ length: Math.min(STOP_DETECTION.maxRows, train.rowCount) }, (_, r) => r));
      const figures = [
        `detection ${detection(train, synth, schema)?.score.toFixed(3)}`,
        `stop judge ${detection(first, synth, schema, STOP_DETECTION)?.score.toFixed(3)}`,
        `shapes ${columnShapes(train, synth, schema).score.toFixed(3)}`,
        `pairs ${pairTrends(train, synth, schema, 'real').score.toFixed(3)}`,
      ];
      const seconds = ((performance.now() - t0) / 1000).toFixed(0);
      console.log(`${name} epoch ${done}/${plan.epochs} (${seconds} s): ${figures.join(', ')}`);
    }
    session.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
