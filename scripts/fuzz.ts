/**
 * Writes the hostile-input corpus to e2e/fuzz/: small files, one per case, and cases.json, the
 * index both test suites read (src/cli/fuzz.test.ts through the CLI, e2e/fuzz.spec.ts through the
 * app's upload). Files over ~20 KB are only described there and made at test time.
 *
 *   npm run fuzz
 *
 * Counts of rows and columns are written from what each case means to hold, never read back
 * through the parser, so a parser that miscounts fails the tests.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZ_DIR, type FuzzCase, type Generated } from '../e2e/fuzz/corpus';

const MAX_FILE_BYTES = 20 * 1024;

interface Spec extends Omit<FuzzCase, 'rows' | 'columns'> {
  /** The file's content; absent for a generated case. */
  bytes?: string | Uint8Array;
  /** For an 'output' case: the table as meant, which gives its rows and columns. */
  table?: { header: string[]; rows: unknown[][] };
}

const CITIES = ['Oslo', 'Lima', 'Pune'];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const city = (i: number) => CITIES[i % 3];
const num = (i: number) => (((i * 37) % 100) / 4 + 1).toFixed(2);

/** Header and rows as delimited text; cells are written as given (quote them in the cell where needed). */
function delimited(header: string[], rows: unknown[][], { sep = ',', eol = '\n' } = {}): string {
  return [header, ...rows].map((r) => r.join(sep)).join(eol) + eol;
}

/** A table with a city and a number beside the column under test, so every case has something to model. */
function withContext(name: string, values: (i: number) => string, n = 40) {
  const header = ['city', 'n', name];
  const rows = range(n).map((i) => [city(i), num(i), values(i)]);
  return { header, rows, text: delimited(header, rows) };
}

function csvCase(file: string, tests: string, t: { header: string[]; rows: unknown[][]; text: string }, extra: Partial<Spec> = {}): Spec {
  return { file, tests, expect: 'output', bytes: t.text, table: t, ...extra };
}

function refused(file: string, tests: string, bytes: string | Uint8Array, message: string, extra: Partial<Spec> = {}): Spec {
  return { file, tests, expect: 'message', message, bytes, ...extra };
}

const latin1 = (text: string) => Uint8Array.from(text, (ch) => {
  const code = ch.charCodeAt(0);
  if (code > 0xff) throw new Error(`${ch} is not Latin-1`);
  return code;
});

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes.set(bigEndian ? [code >> 8, code & 0xff] : [code & 0xff, code >> 8], 2 + i * 2);
  }
  return bytes;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

/** Bytes from a fixed-seed generator: the same garbage on every run of the script. */
function garbage(n: number, seed = 7): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) >>> 0) >>> 24);
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A zip of stored (uncompressed) entries: the container an .xlsx file is. */
function zip(entries: Record<string, string>): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const [nameBytes, data] = [enc.encode(name), enc.encode(text)];
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, data.length, true);
    central.setUint32(24, data.length, true);
    central.setUint16(28, nameBytes.length, true);
    central.setUint32(42, offset, true);
    const entry = concat(new Uint8Array(local.buffer), nameBytes, data);
    locals.push(entry);
    centrals.push(concat(new Uint8Array(central.buffer), nameBytes));
    offset += entry.length;
  }
  const directory = concat(...centrals);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, centrals.length, true);
  end.setUint16(10, centrals.length, true);
  end.setUint32(12, directory.length, true);
  end.setUint32(16, offset, true);
  return concat(...locals, directory, new Uint8Array(end.buffer));
}

function parquet(rows: number): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'city', data: range(rows).map(city), type: 'STRING' },
        { name: 'n', data: range(rows).map((i) => Number(num(i))), type: 'DOUBLE' },
        { name: 'member', data: range(rows).map((i) => i % 3 !== 0), type: 'BOOLEAN' },
      ],
    }),
  );
}

const GOOD_PARQUET = parquet(30);
const DIGITS_400 = '1234567890'.repeat(40);
const NUMBER = '^-?\\d+(\\.\\d+)?$';

const SPECS: Spec[] = [
  // Numbers that once broke the model
  csvCase('infinity-cells.csv', 'numeric column with Infinity cells and no e-notation (hung schema inference)',
    withContext('value', (i) => (i % 9 === 4 ? 'Infinity' : i % 13 === 6 ? '-Infinity' : ((i * 7) % 50 + 0.125).toFixed(3)))),
  csvCase('digits-400.csv', 'a 400-digit number, which is Infinity as a double',
    withContext('value', (i) => (i === 5 ? DIGITS_400 : String((i * 13) % 90 + 10))), { keep: { value: { pattern: NUMBER, share: 0.8 } } }),
  csvCase('nonfinite-with-e.csv', 'NaN, Infinity, -Infinity, 1e308, -1e308 beside e-notation values (wrote NaN rows)',
    withContext('value', (i) => ['NaN', 'Infinity', '-Infinity', '1e308', '-1e308'][i % 8] ?? `${((i % 9) + 1.5).toFixed(1)}e-${(i % 4) + 3}`), {
      keep: { value: { pattern: '^-?\\d(\\.\\d+)?e[+-]?\\d+$|^-?\\d+(\\.\\d+)?$', share: 0.5 } },
    }),
  csvCase('one-1e20.csv', 'one 1e20 among three-decimal values (cut every value to one significant digit)',
    withContext('value', (i) => (i === 17 ? '1e20' : ((i * 7.31) % 60 + 1).toFixed(3))), {
      // Values in the seed's own range keep its three decimals; how many land far out is the model's business.
      keep: { value: { pattern: '^(\\d{1,3}\\.\\d{3}|\\d{4,}(\\.\\d+)?|\\d(\\.\\d+)?e\\+?\\d+)$' } },
    }),
  csvCase('skewed.csv', 'extremely skewed numbers, 1 to 10^12',
    withContext('value', (i) => String(Math.round(10 ** ((i % 20) * 0.6)))), { keep: { value: { pattern: '^\\d+$' } } }),
  csvCase('negative-zero.csv', 'negative zero written as -0 and -0.0', withContext('value', (i) => ['-0', '0', '-0.0', '1.5', '2.5'][i % 5]),
    { keep: { value: { pattern: NUMBER } } }),
  csvCase('leading-plus.csv', 'numbers with a leading +', withContext('value', (i) => (i % 3 ? `+${(i % 17) + 0.5}` : `-${i % 5}`)),
    { keep: { value: { pattern: '^[+-]?\\d+(\\.\\d+)?$' } } }),
  csvCase('big-integers.csv', 'integers past 2^53', withContext('value', (i) => String(9007199254740993n + BigInt(i * 1000)))),
  csvCase('money.csv', 'currency, percent and thousands separators', (() => {
    const header = ['city', 'price', 'share', 'count'];
    const rows = range(40).map((i) => [city(i), `"$${(1000 + i * 123.45).toLocaleString('en-US', { minimumFractionDigits: 2 })}"`, `${(i * 2.5) % 100}%`, `"${(1000 + i * 98765).toLocaleString('en-US')}"`]);
    return { header, rows, text: delimited(header, rows) };
  })(), { keep: { price: { pattern: '^\\$\\d{1,3}(,\\d{3})*\\.\\d{2}$' }, share: { pattern: '%$' }, count: { pattern: '^\\d{1,3}(,\\d{3})*$' } } }),
  csvCase('accounting.csv', 'accounting negatives in parentheses: (1,234.50)',
    withContext('balance', (i) => `"${i % 3 ? '' : '('}${(1000 + i * 37.5).toLocaleString('en-US', { minimumFractionDigits: 2 })}${i % 3 ? '' : ')'}"`),
    { keep: { balance: { pattern: '^\\(?\\d{1,3}(,\\d{3})*\\.\\d{2}\\)?$' } } }),
  (() => {
    const header = ['city', 'amount'];
    const rows = range(40).map((i) => [city(i), `${(1000 + i * 211).toLocaleString('de-DE')},${i % 10}`]);
    return csvCase('decimal-comma.csv', 'numbers written 1.234,5 in a semicolon file', { header, rows, text: delimited(header, rows, { sep: ';' }) },
      { keep: { amount: { pattern: '^-?\\d{1,3}(\\.\\d{3})*(,\\d+)?$' } } });
  })(),
  csvCase('notes-only.csv', 'a column of only notes: n/a, <0.5, >100, pending', withContext('result', (i) => ['n/a', '<0.5', '>100', 'pending'][i % 4])),
  csvCase('mixed-number-text.csv', 'half numbers, half words in one column', withContext('value', (i) => (i % 2 ? String(i) : ['red', 'green', 'blue'][i % 3]))),
  csvCase('missing-99.csv', 'a column 99% missing', withContext('rare', (i) => (i === 50 ? '42' : ''), 200)),
  csvCase('all-missing-column.csv', 'a column with no value at all', withContext('empty', () => ''), { keep: { empty: { pattern: '^$' } } }),
  csvCase('constant-columns.csv', 'two constant columns beside varied ones', (() => {
    const header = ['city', 'n', 'unit', 'version'];
    const rows = range(40).map((i) => [city(i), num(i), 'kg', '5']);
    return { header, rows, text: delimited(header, rows) };
  })(), { keep: { unit: { pattern: '^kg$' }, version: { pattern: '^5$' } } }),

  // Text encodings
  { file: 'latin1.csv', tests: 'Windows-1252 bytes (José), no BOM', expect: 'output', bytes: latin1(delimited(['name', 'n'], range(30).map((i) => [['José', 'Zoë', 'Ångström'][i % 3], i]))),
    table: { header: ['name', 'n'], rows: range(30).map(() => []) }, keep: { name: { pattern: '^(José|Zoë|Ångström)$' } }, shows: 'read as Windows-1252' },
  { file: 'utf16le-bom.csv', tests: 'UTF-16LE with a BOM', expect: 'output', bytes: utf16(delimited(['name', 'n'], range(30).map((i) => [['Müller', 'Łódź', '東京'][i % 3], i])), false),
    table: { header: ['name', 'n'], rows: range(30).map(() => []) }, keep: { name: { pattern: '^(Müller|Łódź|東京)$' } }, shows: 'read as UTF-16LE' },
  { file: 'utf16be-bom.csv', tests: 'UTF-16BE with a BOM', expect: 'output', bytes: utf16(delimited(['name', 'n'], range(30).map((i) => [['Müller', 'Łódź', '東京'][i % 3], i])), true),
    table: { header: ['name', 'n'], rows: range(30).map(() => []) }, keep: { name: { pattern: '^(Müller|Łódź|東京)$' } }, shows: 'read as UTF-16BE' },
  csvCase('utf8-bom.csv', 'UTF-8 with a BOM: the first column keeps its name', (() => {
    const t = withContext('value', (i) => String(i % 10));
    return { ...t, text: `\uFEFF${t.text}` };
  })(), { header: ['city', 'n', 'value'] }),
  csvCase('emoji-rtl.csv', 'emoji, right-to-left text and combining marks', withContext('word', (i) => ['😀 party', 'مرحبا', 'שלום', 'e\u0301te', '👨‍👩‍👧'][i % 5]),
    { keep: { word: { pattern: '^(😀 party|مرحبا|שלום|e\u0301te|👨‍👩‍👧)$' } } }),
  csvCase('zero-width.csv', 'zero-width and no-break spaces in names and values',
    (() => {
      const header = ['city', 'n\u200b', 'tag\u00a0x'];
      const rows = range(30).map((i) => [city(i), num(i), ['a\u200bb', 'c\u00a0d'][i % 2]]);
      return { header, rows, text: delimited(header, rows) };
    })()),

  // Headers
  csvCase('duplicate-headers.csv', 'duplicate header names a,a,a,b,a_2', (() => {
    const header = ['a', 'a', 'a', 'b', 'a_2'];
    const rows = range(30).map((i) => [city(i), i % 7, num(i), i % 2 ? 'x' : 'y', i % 5]);
    return { header, rows, text: delimited(header, rows) };
  })(), { header: ['a', 'a_3', 'a_4', 'b', 'a_2'], shows: 'Renamed duplicate column names: a → a_3, a → a_4' }),
  csvCase('header-script.csv', 'HTML in header names', (() => {
    const header = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', 'n'];
    const rows = range(30).map((i) => [city(i), i % 2 ? 'yes' : 'no', num(i)]);
    return { header, rows, text: delimited(header, rows) };
  })(), { header: ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', 'n'] }),
  csvCase('header-formula.csv', 'spreadsheet formulas as header names', (() => {
    const header = [`"=cmd|' /C calc'!A0"`, '@SUM(A1)', '+1+1', 'n'];
    const rows = range(30).map((i) => [city(i), i % 3, i % 2 ? 'a' : 'b', num(i)]);
    return { header, rows, text: delimited(header, rows) };
  })(), { header: [`'=cmd|' /C calc'!A0`, "'@SUM(A1)", "'+1+1", 'n'] }),
  csvCase('header-long.csv', 'a 5,000-character header name', (() => {
    const header = ['city', 'L'.repeat(5000)];
    const rows = range(30).map((i) => [city(i), num(i)]);
    return { header, rows, text: delimited(header, rows) };
  })(), { header: ['city', 'L'.repeat(5000)] }),
  csvCase('header-empty.csv', 'empty header names', (() => {
    const header = ['', 'n', ''];
    const rows = range(30).map((i) => [city(i), num(i), i % 4]);
    return { header, rows, text: delimited(header, rows) };
  })(), { header: ['column_1', 'n', 'column_3'], shows: 'Named empty column headers: column_1, column_3' }),
  csvCase('header-whitespace.csv', 'header names of only spaces and tabs', (() => {
    const header = ['"   "', 'n', '"\t"'];
    const rows = range(30).map((i) => [city(i), num(i), i % 4]);
    return { header, rows, text: delimited(header, rows) };
  })(), { header: ['column_1', 'n', 'column_3'] }),
  csvCase('trailing-delimiter.csv', 'every line ends in a comma: an unnamed, empty last column', (() => {
    const header = ['city', 'n', ''];
    const rows = range(30).map((i) => [city(i), num(i), '']);
    return { header, rows, text: delimited(header, rows) };
  })()),

  // Cells
  csvCase('html-cells.csv', 'HTML and script in cells', withContext('note', (i) => ['<img src=x onerror=alert(3)>', '<b>bold</b>', '"<script>alert(4)</script>"'][i % 3])),
  csvCase('formula-cells.csv', 'formulas in cells are defused on output', withContext('f', (i) => ['=1+1', '@SUM(A1)', '"=HYPERLINK(""http://x"")"', '+cmd'][i % 4]),
    { keep: { f: { pattern: '^[^=@+]' } } }),
  csvCase('proto-values.csv', 'cell values that are Object.prototype keys', withContext('key', (i) => ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'][i % 5]),
    { keep: { key: { pattern: '^(__proto__|constructor|toString|hasOwnProperty|valueOf)$' } } }),
  csvCase('text-ids.csv', 'a text column with one category per row', withContext('order', (i) => `ORD-${(i * 7919) % 10007}-${'abcdefghij'[i % 10]}`)),
  csvCase('yes-no.csv', 'booleans written yes/no', withContext('member', (i) => (i % 3 ? 'yes' : 'no')), { keep: { member: { pattern: '^(yes|no)$' } } }),
  csvCase('dates-mixed.csv', 'a date column in mixed formats', withContext('when', (i) => ['2024-01-05', '05/01/2024', '"Jan 5, 2024"', '2024/01/05', '5 January 2024'][i % 5])),
  csvCase('times-12h.csv', '12-hour times', withContext('at', (i) => `${(i % 12) + 1}:${String((i * 7) % 60).padStart(2, '0')} ${i % 2 ? 'PM' : 'AM'}`)),
  csvCase('far-dates.csv', 'dates at the ends of the calendar', withContext('when', (i) => ['0001-01-01', '9999-12-31', '1970-01-01', '2000-02-29'][i % 4])),
  csvCase('long-cell.csv', 'one 9,000-character cell, under the cell limit', withContext('text', (i) => (i === 3 ? 'y'.repeat(9000) : ['short', 'tiny'][i % 2]))),
  { file: 'nul-late.csv', tests: 'a NUL byte past the first 8 KB, where the binary check does not look', expect: 'output',
    bytes: delimited(['city', 'n', 'pad'], range(200).map((i) => [city(i), num(i), i === 190 ? 'a\u0000b' : 'p'.repeat(40)])),
    table: { header: ['city', 'n', 'pad'], rows: range(200).map(() => []) } },

  // Shapes and delimiters
  csvCase('two-rows.csv', 'a table of two rows', (() => {
    const header = ['city', 'n'];
    const rows = [['Oslo', '1.5'], ['Lima', '2.5']];
    return { header, rows, text: delimited(header, rows) };
  })()),
  csvCase('single-column.csv', 'one column', (() => {
    const header = ['n'];
    const rows = range(30).map((i) => [num(i)]);
    return { header, rows, text: delimited(header, rows) };
  })()),
  csvCase('crlf.csv', 'Windows line ends', (() => {
    const t = withContext('value', (i) => String(i % 6));
    return { ...t, text: delimited(t.header, t.rows, { eol: '\r\n' }) };
  })()),
  csvCase('semicolon.csv', 'semicolon delimiter', (() => {
    const t = withContext('value', (i) => String(i % 6));
    return { ...t, text: delimited(t.header, t.rows, { sep: ';' }) };
  })(), { header: ['city', 'n', 'value'] }),
  csvCase('tabs.tsv', 'tab delimiter', (() => {
    const t = withContext('value', (i) => String(i % 6));
    return { ...t, text: delimited(t.header, t.rows, { sep: '\t' }) };
  })(), { header: ['city', 'n', 'value'] }),
  csvCase('pipes.txt', 'pipe delimiter in a .txt file', (() => {
    const t = withContext('value', (i) => String(i % 6));
    return { ...t, text: delimited(t.header, t.rows, { sep: '|' }) };
  })(), { header: ['city', 'n', 'value'] }),
  csvCase('quoted-newlines.csv', 'quoted cells holding newlines and commas', withContext('address', (i) => ['"1 Main St\nFlat 2"', '"Box 9, Town"', '"a\r\nb"'][i % 3])),
  csvCase('blank-lines.csv', 'blank and whitespace-only lines between rows', (() => {
    const t = withContext('value', (i) => String(i % 6));
    return { ...t, text: t.text.replace(/\n/g, (_, at: number) => (at % 3 ? '\n' : '\n\n   \n')) };
  })()),
  csvCase('only-ids.csv', 'only ID columns: nothing to model (the app loads it and refuses on Train)', (() => {
    const header = ['order_id', 'customer'];
    const rows = range(30).map((i) => [100 + i, `C-${i}`]);
    return { header, rows, text: delimited(header, rows) };
  })(), { expect: 'message', message: 'No column is left to model', app: { expect: 'output', rows: 30, columns: 2 } }),
  (() => {
    const header = ['city', 'n'];
    const rows = range(30).map(() => ['Oslo', '3']);
    return csvCase('all-constant.csv', 'every column constant: nothing to model (the app loads it and refuses on Train)', { header, rows, text: delimited(header, rows) },
      { expect: 'message', message: 'No column is left to model', app: { expect: 'output', rows: 30, columns: 2 } });
  })(),

  // Files that are not tables
  refused('empty.csv', 'an empty file', '', 'empty'),
  refused('only-newlines.csv', 'a file of blank lines', '\n\n \r\n\n', 'empty'),
  refused('bom-only.csv', 'a UTF-8 BOM and nothing else', '\uFEFF', 'empty'),
  refused('header-only.csv', 'a header and no rows', 'city,n\n', 'header but no data rows'),
  refused('one-row.csv', 'one data row', 'city,n\nOslo,1\n', 'only one data row'),
  refused('binary.csv', 'random bytes named .csv', garbage(2048), 'binary'),
  refused('xlsx-renamed.csv', 'an .xlsx (zip) file renamed .csv', zip({ '[Content_Types].xml': '<?xml version="1.0"?><Types/>', 'xl/workbook.xml': '<workbook/>' }), 'binary'),
  refused('ragged.csv', 'a row with fewer fields than the header', 'a,b\n1,2\n3\n4,5\n', 'Row 3 has 1 fields but the header has 2'),
  refused('ragged-long.csv', 'a row with more fields than the header', 'a,b\n1,2\n3,4,5,6\n4,5\n', 'Row 3 has 4 fields but the header has 2'),
  refused('unclosed-quote.csv', 'a quote that never closes', 'a,b\n1,2\n"3,4\n5,6\n', 'unclosed quote'),
  refused('truncated.parquet', 'a Parquet file cut short', GOOD_PARQUET.slice(0, Math.floor(GOOD_PARQUET.length * 0.6)), 'Parquet file could not be read'),
  refused('garbage.parquet', 'text named .parquet', 'city,n\nOslo,1\nLima,2\n', 'Parquet file could not be read'),
  refused('broken.json', 'JSON cut short', '[{"a": 1, "b": "x"}, {"a": 2, "b": "y"},', 'not valid JSON'),
  refused('not-array.json', 'JSON that is an object, not an array', '{"a": [1, 2, 3], "b": ["x", "y", "z"]}', 'must be an array of objects'),
  refused('numbers.json', 'JSON array of numbers', '[1, 2, 3]', 'must be an array of objects'),
  refused('empty-array.json', 'an empty JSON array', '[]', 'no data rows|empty'),
  refused('table', 'a file name with no extension', 'city,n\nOslo,1\nLima,2\nPune,3\n', 'not a supported file type'),
  refused('sheet.csv.xlsx', 'an .xlsx name', 'city,n\nOslo,1\nLima,2\n', 'not a supported file type'),

  // Good tables in other forms
  { file: 'good.parquet', tests: 'a small valid Parquet file', expect: 'output', bytes: GOOD_PARQUET, table: { header: ['city', 'n', 'member'], rows: range(30).map(() => []) } },
  { file: 'proto-keys.json', tests: 'JSON rows with __proto__ and constructor keys', expect: 'output',
    bytes: `[${range(30).map((i) => `{"__proto__": {"polluted": ${i}}, "constructor": "${city(i)}", "n": ${num(i)}}`).join(',\n')}]`,
    table: { header: ['__proto__', 'constructor', 'n'], rows: range(30).map(() => []) } },
  { file: 'ragged-keys.json', tests: 'JSON rows with different keys, nulls, nesting and booleans', expect: 'output',
    bytes: JSON.stringify(range(30).map((i) => ({ city: city(i), n: Number(num(i)), ...(i % 2 ? { member: i % 3 === 0 } : { tags: i % 4 ? null : ['a', 'b'] }) }))),
    table: { header: ['city', 'n', 'tags', 'member'], rows: range(30).map(() => []) } },
  csvCase('odd-name.csv', 'a file name with odd characters', withContext('value', (i) => String(i % 6)), { name: `naïve – data (copy) #1 'x' %20 <b>&amp;.csv` }),
  csvCase('UPPER.CSV', 'an upper-case extension', withContext('value', (i) => String(i % 6))),

  // Large cases, made at test time
  { file: 'wide-10000-columns.csv', tests: '10,000 columns × 200 rows (took 12 GB and minutes): refused naming the 1,000-column limit', expect: 'message',
    message: '(?=.*\\b1,?000\\b)(?=.*column)', generate: { kind: 'columns', columns: 10_000, rows: 200 } satisfies Generated },
  { file: 'cell-10mb.csv', tests: 'one 10 MB cell (became a 388 MB output): refused naming the 10,000-character cell limit', expect: 'message',
    message: '(?=.*\\b10,?000\\b)(?=.*(character|cell))', generate: { kind: 'cell', chars: 10_000_000 } satisfies Generated },
];

function write(): void {
  mkdirSync(FUZZ_DIR, { recursive: true });
  const kept = new Set(['cases.json', 'corpus.ts']);
  for (const file of readdirSync(FUZZ_DIR)) if (!kept.has(file)) rmSync(join(FUZZ_DIR, file));
  // The cases are bytes, not text: a checkout must not turn crlf.csv's line ends into \n or the reverse.
  writeFileSync(join(FUZZ_DIR, '.gitattributes'), '* -text\n*.ts text\ncases.json text\n');
  const files = new Set<string>();
  const cases: FuzzCase[] = SPECS.map(({ bytes, table, ...spec }) => {
    if (files.has(spec.file)) throw new Error(`${spec.file} twice`);
    files.add(spec.file);
    if (bytes !== undefined) {
      const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
      if (data.length > MAX_FILE_BYTES) throw new Error(`${spec.file} is ${data.length} bytes: generate it at test time`);
      writeFileSync(join(FUZZ_DIR, spec.file), data);
    }
    return table ? { ...spec, rows: table.rows.length, columns: table.header.length } : spec;
  });
  writeFileSync(join(FUZZ_DIR, 'cases.json'), JSON.stringify(cases, null, 2) + '\n');
  console.log(`wrote ${files.size - cases.filter((c) => c.generate).length} files and ${cases.length} cases to ${FUZZ_DIR}`);
}

write();
