import { ruleColumns, type Rule } from '../data/rules';
import { isModelled, numberReader, type ColumnSchema } from '../data/schema';
import type { Spellings, Table } from '../data/table';
import { cumulativeOf, Rng } from '../util/rng';
import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../util/json';
import { CategoricalEncoder, MAX_CATEGORIES, type CategoricalState } from './categorical';
import { codecFor, codecFromSpec, gapCodecFor, type CodecSpec } from './codecs';
import { ClockEncoder, hasClock, type ClockState } from './clock';
import { ContinuousEncoder, type Bounds, type ContinuousState } from './continuous';
import { fitCategoryRanges, keepCategoryRanges, type CategoryRanges } from './byCategory';
import { findDerivations, type Derivation } from './derived';
import { IdGenerator, type IdState } from './idColumn';
import { assignKeys, copyWithinKeys, fitKeys, type KeyGroups } from './idKeys';
import { countSpelling, countWithinKeys, datePlaces, fitKeyCount, risesWith, type CountedColumn, type KeyCount } from './keyCounts';
import { ageWithinKeys, carryWithinKeys, followAges, groupsOf, readNumbers, runWithinKeys, spaceWithinKeys, type SequenceTarget } from './keySequences';
import { planScalings, type Scaled } from './scaled';
import { findIdLink } from './idLinks';
import { blankByRules, construct, gapValues, isOverwritten, isWritten, markBroken, planConstructions, rewrittenFrom, stepOtherwise, textWithoutNumber, zeroByRules, type Built, type Construction, type Follow } from './ruled';
import type { ColumnEncoder, Span } from './types';

/** Where a column lives in the encoded row. */
export interface EncodedColumn {
  name: string;
  kind: ColumnSchema['kind'];
  offset: number;
  encoder: ColumnEncoder;
  /** The values it encodes, where they are not the table's own column (an end date's gap after its start). */
  valuesOf?: (table: Table) => (string | null)[];
}

export interface TransformOptions {
  derive: boolean;
  /** Keep generated numbers and dates within the seed's range (redrawn, not clamped). */
  withinRange: boolean;
  /** Keep numbers within the range of the category that explains them (see `CategoryRanges`). */
  byCategory: boolean;
  /** Model numbers a category explains in that category's scale (see `Scaled`). */
  scaleByCategory: boolean;
  /** Model a number on a loose line in another (r ≥ 0.8) as what is left off the line (see `looseLines`). */
  looseLines: boolean;
  /** Accepted rules, kept on every decoded row. */
  rules: Rule[];
}

/** Rows decoded, and the rows dropped for breaking a rule (by the rule that broke them). */
export interface Decoded {
  table: Table;
  dropped: number;
  broken: Map<string, number>;
  /** 1 for each row given that breaks an accepted rule (dropped unless kept). */
  bad: Uint8Array;
}

/** A one-hot block the conditional vector can fix: a category, or the mode of a continuous column. */
export interface ConditionSpan {
  kind: 'category' | 'mode';
  /** Index into the transformer's encoded columns. */
  column: number;
  offset: number;
  size: number;
  /** The slot that stands for a missing value, or -1. */
  missingSlot: number;
}

/** The layout the model needs: output spans and the one-hot blocks that can form the condition. */
export interface Layout {
  width: number;
  spans: Span[];
  conditions: ConditionSpan[];
}

/** A column written from the value of the column it follows rather than modelled. */
/**
 * An ID repeated over rows: written fresh, each on about `perKey` rows, of one value of each
 * `fixed` column, none twice of `distinct`, and shared by whole keys of `within` (an order's customer).
 */
export interface KeyColumn {
  name: string;
  fixed: string[];
  perKey: number;
  distinct?: string;
  within?: string;
  /** A date its rows step through as the seed's do. */
  spaced?: string;
  /** Counts of years from one date per key. */
  aged?: string[];
  /** Numbers that run over its rows, each with what it adds: a column, or a fixed amount. */
  /** A number running on by another (or a fixed step), starting again each `restart` where it does. */
  running?: { column: string; plus: string; restart?: 'month' | 'year' }[];
  /** Numbers carried over from another column of the row before. */
  carried?: { column: string; from: string }[];
}

export interface DerivedColumn {
  name: string;
  source: string;
}

/** A column written as a straight line in another (`from`) plus what the model gives as left off it. */
export interface LineColumn {
  name: string;
  from: string;
}

type Slot =
  | { kind: 'model'; column: EncodedColumn; built?: Built }
  /** A column written whole from others, not modelled: a sum, a product or a rate's total. */
  | { kind: 'sum'; name: string; built: Built }
  | { kind: 'id'; name: string; ids: IdGenerator; keys?: KeyGroups; count?: KeyCount; dated?: string }
  | { kind: 'constant'; name: string; value: string | null }
  | { kind: 'derived'; name: string; from: number; map: Derivation['map']; counts: Derivation['counts'] };

/** A constructed column's codec and fallback text, as plain data. */
export interface BuiltState {
  construction: Construction;
  codec: CodecSpec;
  otherwise: string | null;
}

/** One output column of a fitted transformer, as plain data; maps are arrays of [key, value] pairs. */
export type SlotState =
  | {
      kind: 'model';
      name: string;
      columnKind: ColumnSchema['kind'];
      encoder: { kind: 'continuous'; state: ContinuousState } | { kind: 'categorical'; state: CategoricalState } | { kind: 'clock'; state: ClockState };
      built: BuiltState | null;
    }
  | { kind: 'sum'; name: string; built: BuiltState }
  | { kind: 'id'; name: string; ids: IdState; keys?: KeyGroups; count?: KeyCount; dated?: string }
  | { kind: 'constant'; name: string; value: string | null }
  | { kind: 'derived'; name: string; from: number; map: [string | null, string | null][]; counts: [string | null, number][] };

/** A fitted TableTransformer as plain data (JSON as it stands): what `new TableTransformer(state)` rebuilds. */
export interface TransformerState {
  schema: ColumnSchema[];
  /** The accepted rules checked on each decoded row (not those its bounds already keep). */
  rules: Rule[];
  /** Each output column's missing spellings with their seed counts. */
  missingSpellings?: Spellings[];
  /** One spelling per column, as models saved before the shares were kept wrote it. */
  missingText?: string[];
  delimiter: string | null;
  builtBounds: [string, { min: JsonNumber; max: JsonNumber }][];
  slots: SlotState[];
  /** Numbers' ranges by the category that explains them; absent in models saved before them. */
  categoryRanges?: CategoryRanges[];
  /** Columns written as counts of a key's rows. */
  counted?: CountedColumn[];
}

function isTransformerState(x: Table | TransformerState): x is TransformerState {
  return 'slots' in x;
}

/** Fits every included column's encoder and maps whole tables to model rows and back. */
export class TableTransformer {
  readonly encoded: EncodedColumn[] = [];
  readonly layout: Layout;
  private readonly slots: Slot[] = [];
  private readonly missingSpellings: Spellings[] = [];
  private readonly delimiter: string | undefined;
  private readonly schema: ColumnSchema[];
  private readonly rules: Rule[];
  /** Constructed columns that must stay within the seed's range, checked after they are built. */
  private readonly builtBounds = new Map<string, Bounds>();
  /** What `zeroTexts` found, once. */
  private zeros: Map<Rule, string> | null = null;
  /** Numbers kept within their category's range (see `CategoryRanges`). */
  private categoryRanges: CategoryRanges[] = [];
  /** Columns written as counts of a key's rows (see `CountedColumn`). */
  private counted: CountedColumn[] = [];

  /** Fitted to `table`, or rebuilt from a saved state (which needs no table). */
  constructor(table: Table, schema: ColumnSchema[], seed: number, options?: Partial<TransformOptions>);
  constructor(state: TransformerState);
  constructor(table: Table | TransformerState, schema: ColumnSchema[] = [], seed = 0, options: Partial<TransformOptions> = {}) {
    if (isTransformerState(table)) {
      this.schema = table.schema;
      this.rules = table.rules;
      this.delimiter = table.delimiter ?? undefined;
      this.missingSpellings.push(...(table.missingSpellings ?? (table.missingText ?? []).map((t): Spellings => [[t, 1]])));
      for (const [name, b] of table.builtBounds) this.builtBounds.set(name, { min: fromJsonNumber(b.min), max: fromJsonNumber(b.max) });
      let at = 0;
      for (const slot of table.slots) {
        const restored = this.restoreSlot(slot, at);
        if (restored.kind === 'model') {
          this.encoded.push(restored.column);
          at += restored.column.encoder.width;
        }
        this.slots.push(restored);
      }
      this.layout = layoutOf(at, this.encoded);
      this.categoryRanges = table.categoryRanges ?? [];
      this.counted = table.counted ?? [];
      return;
    }
    const { derive = true, withinRange = true, byCategory = true, scaleByCategory = false, looseLines = false, rules = [] } = options;
    const rng = new Rng(seed);
    this.delimiter = table.delimiter;
    this.schema = schema;
    const derivations = new Map((derive ? findDerivations(table, schema) : []).map((d) => [d.column, d]));
    const free = new Set(schema.filter((c, i) => isModelled(c) && !derivations.has(i)).map((c) => c.name));
    const derivedNames = new Set([...derivations.keys()].map((i) => schema[i].name));
    const sources = new Map([...derivations].map(([i, d]) => [schema[i].name, schema[d.source].name]));
    // A source keeps each of its values (a unit of many, each in one building): its "other" slot would draw any unit for any building.
    const sourced = new Set([...derivations.values()].map((d) => d.source));
    const constructions = new Map<string, Construction>(planConstructions(rules, table, schema, free, derive, derivedNames, sources, derive && looseLines).map((c) => [c.column, c]));
    if (scaleByCategory) {
      // Numbers and categories modelled as they are: a category a rule writes is not what the model gave.
      const plain = schema.filter((c) => free.has(c.name) && c.include && !constructions.has(c.name));
      const categories = plain.filter((c) => c.kind === 'categorical' || c.kind === 'boolean').map((c) => c.name);
      for (const s of planScalings(table, schema, plain.map((c) => c.name), categories, rules)) constructions.set(s.column, s);
    }
    const floors = new Map(rules.flatMap((r) => (r.kind === 'range' ? [[r.column, r.min] as const] : [])));
    // Range rules the model's bounds already keep are not checked again on every row.
    this.rules = rules.filter((r) => !(r.kind === 'range' && free.has(r.column) && !constructions.has(r.column)));
    const slotOf = new Map<number, number>();
    let offset = 0;
    schema.forEach((column, i) => {
      if (!column.include) return;
      const values = table.columns[i];
      slotOf.set(i, this.slots.length);
      this.missingSpellings.push(table.missingSpellings?.[i] ?? []);
      const derivation = derivations.get(i);
      if (derivation) {
        // Its source always comes first in decoding: sources are modelled, never derived.
        this.slots.push({ kind: 'derived', name: column.name, from: derivation.source, map: derivation.map, counts: derivation.counts });
        return;
      }
      if (column.kind === 'id') {
        let ids = new IdGenerator(values, column.name);
        const prefixes = ids.prefixesOf(values);
        const link = prefixes && findIdLink(prefixes, table, schema.filter((c) => c.include));
        if (link) ids.linkTo(link);
        // Codes in capitals no category fixes may be people's (an agent's `JSMITH-`): not kept.
        else if (ids.codePrefixes) ids = new IdGenerator(values, column.name, false);
        // An ending a category fixes (`-DE` for Germany) follows it.
        const categories = schema.filter((c) => c.include && c.kind !== 'datetime');
        const ends = ids.suffixesOf(values);
        const endLink = ends && findIdLink(ends, table, categories);
        if (endLink && 'map' in endLink) ids.linkEndTo(endLink);
        // Blank IDs kept: where a category decides them, else in the seed's share.
        const blanks = values.filter((v) => v === null).length;
        if (blanks > 0) {
          const marks = values.map((v) => (v === null ? 'blank' : 'id'));
          const by = findIdLink(marks, table, categories);
          const decided = by && 'map' in by ? { column: by.column, values: by.map.flatMap(([v, mark]) => (mark === 'blank' ? [v] : [])) } : undefined;
          const shares = decided ? null : blankShares(values.map((v) => v === null), table, categories);
          ids.blankWhere({ share: blanks / values.length, ...(decided && { by: decided }), ...(shares && { shares }) });
        }
        // A key repeated over rows (a customer's bills) is shared by as many rows as the seed's keys hold.
        const keys = fitKeys(values, table, schema, i, (name) => builtFrom(name, free, constructions, schema));
        const dated = keys ? undefined : risesWith(values, table, schema);
        this.slots.push({ kind: 'id', name: column.name, ids, ...(keys && { keys }), ...(dated && { dated }) });
        return;
      }
      if (column.kind === 'constant') {
        this.slots.push({ kind: 'constant', name: column.name, value: values.find((v) => v !== null) ?? null });
        return;
      }
      const construction = constructions.get(column.name);
      const floor = floors.get(column.name) ?? -Infinity;
      if (construction && !isOverwritten(construction)) {
        const codec = codecFor(column, values);
        // A discount's share of the list price is bounded by its prices' order, not the seed's
        // discounts: held to those, rows on sale are dropped where blank rows are not.
        const made = construction as Construction;
        const share = made.kind === 'sum' && made.formula === 'rate-share';
        if (withinRange && !share) this.builtBounds.set(column.name, { min: codec.min, max: codec.max });
        const built: Built = { construction, codec, otherwise: textWithoutNumber(values, numberReader(column)) };
        if (isWritten(construction)) {
          this.slots.push({ kind: 'sum', name: column.name, built });
          return;
        }
        const gaps = gapValues(table, schema, construction);
        // A gap is never negative; what a line leaves may be.
        const floor = construction.kind === 'gap' ? 0 : -Infinity;
        const gapCodecOf = gapCodecFor(gaps, floor);
        const encoder = new ContinuousEncoder(gaps, gapCodecOf, rng, withinRange ? gapCodecOf : floor === 0 ? { min: 0, max: Infinity } : null);
        const encoded = { name: column.name, kind: column.kind, offset, encoder, valuesOf: (t: Table) => gapValues(t, schema, construction) };
        this.encoded.push(encoded);
        this.slots.push({ kind: 'model', column: encoded, built });
        offset += encoder.width;
        return;
      }
      let encoder: ColumnEncoder;
      if (column.kind === 'numeric' || column.kind === 'datetime') {
        const codec = codecFor(column, values, true);
        const bounds = withinRange ? { min: Math.max(codec.min, floor), max: codec.max } : Number.isFinite(floor) ? { min: floor, max: Infinity } : null;
        encoder = hasClock(column, values, codec) ? new ClockEncoder(values, codec, rng, withinRange ? bounds : null) : new ContinuousEncoder(values, codec, rng, bounds);
      } else encoder = new CategoricalEncoder(values, sourced.has(i) ? Infinity : MAX_CATEGORIES);
      const encoded = { name: column.name, kind: column.kind, offset, encoder };
      this.encoded.push(encoded);
      // A step's column is still modelled, as the model learns the rest of the row better beside
      // it (docs/benchmarks.md, "Products, longer sums and steps"); decoding writes it over from its number.
      // So is a date part's, written over from its date.
      const step = construction && { construction, codec: codecFor(column, values), otherwise: stepOtherwise(table, schema, construction) };
      this.slots.push({ kind: 'model', column: encoded, ...(step && { built: step }) });
      offset += encoder.width;
    });
    for (const slot of this.slots) if (slot.kind === 'derived') slot.from = slotOf.get(slot.from)!;
    this.countKeys(table, schema);
    this.layout = layoutOf(offset, this.encoded);
    if (byCategory) this.categoryRanges = this.fitRanges(table, rules);
  }

  /**
   * IDs that number another key's rows (see `KeyCount`): counted within it, no longer keys of
   * their own; and numbers or categories that do, modelled as they are (no rule names them)
   * and written over as counts, what follows them with them (see `CountedColumn`).
   */
  private countKeys(table: Table, schema: ColumnSchema[]): void {
    const cellsOf = (name: string) => table.columns[table.names.indexOf(name)];
    const keys = this.slots.flatMap((s) => (s.kind === 'id' && s.keys !== undefined ? [s] : []));
    for (const slot of this.slots) {
      if (slot.kind !== 'id' || !slot.keys) continue;
      for (const key of keys) {
        const count = key === slot || !key.keys ? null : fitKeyCount(cellsOf(slot.name), cellsOf(key.name), key.name, table, schema);
        if (!count) continue;
        slot.count = count;
        delete slot.keys;
        break;
      }
    }
    // A number a key's running numbers already count on (a visit number by 1) is theirs.
    const ruled = new Set([...this.rules.flatMap(ruleColumns), ...keys.flatMap((k) => k.keys?.running?.map((r) => r.column) ?? [])]);
    this.slots.forEach((slot) => {
      if (slot.kind !== 'model' || slot.built || ruled.has(slot.column.name)) return;
      const { name } = slot.column;
      const spelling = (slot.column.kind === 'numeric' || slot.column.kind === 'categorical') && countSpelling(cellsOf(name));
      if (!spelling) return;
      for (const key of keys) {
        if (!key.keys) continue;
        const count = fitKeyCount(cellsOf(name), cellsOf(key.name), key.name, table, schema);
        if (count) return void this.counted.push({ column: name, count, ...spelling });
      }
    });
  }

  /** The fitted transform as plain data (no table, no functions), for `new TableTransformer(state)`. */
  toState(): TransformerState {
    const built = (b: Built): BuiltState => {
      if (!b.codec.spec) throw new Error(`The codec of "${b.construction.column}" cannot be saved.`);
      return { construction: b.construction, codec: b.codec.spec, otherwise: b.otherwise };
    };
    const slots = this.slots.map((slot): SlotState => {
      switch (slot.kind) {
        case 'model': {
          const { encoder } = slot.column;
          const state =
            encoder instanceof ContinuousEncoder
              ? { kind: 'continuous' as const, state: encoder.toState() }
              : encoder instanceof CategoricalEncoder
                ? { kind: 'categorical' as const, state: encoder.toState() }
                : encoder instanceof ClockEncoder
                  ? { kind: 'clock' as const, state: encoder.toState() }
                  : null;
          if (!state) throw new Error(`The encoder of "${slot.column.name}" cannot be saved.`);
          return { kind: 'model', name: slot.column.name, columnKind: slot.column.kind, encoder: state, built: slot.built ? built(slot.built) : null };
        }
        case 'sum':
          return { kind: 'sum', name: slot.name, built: built(slot.built) };
        case 'id':
          return { kind: 'id', name: slot.name, ids: slot.ids.toState(), ...(slot.keys && { keys: slot.keys }), ...(slot.count && { count: slot.count }), ...(slot.dated && { dated: slot.dated }) };
        case 'constant':
          return { kind: 'constant', name: slot.name, value: slot.value };
        case 'derived':
          return { kind: 'derived', name: slot.name, from: slot.from, map: [...slot.map], counts: [...slot.counts] };
      }
    });
    return {
      schema: this.schema,
      rules: this.rules,
      missingSpellings: this.missingSpellings,
      delimiter: this.delimiter ?? null,
      builtBounds: [...this.builtBounds].map(([name, b]) => [name, { min: toJsonNumber(b.min), max: toJsonNumber(b.max) }]),
      slots,
      categoryRanges: this.categoryRanges,
      ...(this.counted.length > 0 && { counted: this.counted }),
    };
  }

  private restoreSlot(slot: SlotState, offset: number): Slot {
    const built = (b: BuiltState): Built => ({ construction: b.construction, codec: codecFromSpec(b.codec), otherwise: b.otherwise });
    switch (slot.kind) {
      case 'model': {
        const { encoder: saved } = slot;
        const encoder =
          saved.kind === 'continuous' ? new ContinuousEncoder(saved.state) : saved.kind === 'clock' ? new ClockEncoder(saved.state) : new CategoricalEncoder(saved.state);
        const construction = slot.built?.construction;
        const schema = this.schema;
        const column: EncodedColumn = { name: slot.name, kind: slot.columnKind, offset, encoder };
        if (construction && (construction.kind === 'gap' || construction.kind === 'line' || construction.kind === 'scaled')) column.valuesOf = (t: Table) => gapValues(t, schema, construction);
        return { kind: 'model', column, built: slot.built ? built(slot.built) : undefined };
      }
      case 'sum':
        return { kind: 'sum', name: slot.name, built: built(slot.built) };
      case 'id':
        return { kind: 'id', name: slot.name, ids: new IdGenerator(slot.ids, slot.name), ...(slot.keys && { keys: slot.keys }), ...(slot.count && { count: slot.count }), ...(slot.dated && { dated: slot.dated }) };
      case 'constant':
        return { kind: 'constant', name: slot.name, value: slot.value };
      case 'derived':
        return { kind: 'derived', name: slot.name, from: slot.from, map: new Map(slot.map), counts: new Map(slot.counts) };
    }
  }

  /** IDs repeated over rows: fresh ones, each on about `perKey` rows, of one value of each `fixed` column. */
  get keys(): KeyColumn[] {
    return this.slots.flatMap((s) => {
      if (s.kind !== 'id' || !s.keys) return [];
      const { sizes, distinct, within, spaced, aged, running, carried } = s.keys;
      // What a key fixes, as a user reads it: not a column that follows one it fixes (a plan's fee).
      const fixed = [...s.keys.fixed, ...[...(s.keys.copied ?? []), ...(s.keys.given ?? [])].filter((name) => !this.derived.some((d) => d.name === name))];
      return [{ name: s.name, fixed, perKey: sizes.reduce((a, b) => a + b, 0) / sizes.length, ...(distinct !== undefined && { distinct }), ...(within !== undefined && { within }), ...(spaced && { spaced: spaced.column }), ...(aged && { aged: aged.map((a) => a.column) }), ...(running && { running: running.map(({ column, plus, step, restart }) => ({ column, plus: plus ?? String(step), ...(restart && { restart }) })) }), ...(carried && { carried: carried.map(({ column, from }) => ({ column, from })) }) }];
    });
  }

  get derived(): DerivedColumn[] {
    const names = this.names;
    return this.slots.flatMap((s) => (s.kind === 'derived' ? [{ name: s.name, source: names[s.from] }] : []));
  }

  /** Numbers modelled in the scale of a category (see `Scaled`). */
  get scaled(): { name: string; by: string }[] {
    return this.slots.flatMap((s) => (s.kind === 'model' && s.built?.construction.kind === 'scaled' ? [{ name: s.column.name, by: byOf(s.built.construction) }] : []));
  }

  get lines(): LineColumn[] {
    return this.slots.flatMap((s) => (s.kind === 'model' && s.built?.construction.kind === 'line' ? [{ name: s.column.name, from: s.built.construction.from }] : []));
  }

  get names(): string[] {
    return this.slots.map((s) => (s.kind === 'model' ? s.column.name : s.name));
  }

  /**
   * Ranges by category for the numbers modelled as they are (not built), over the categories
   * decoded before them; the value a zero rule writes in a column is left to the rule.
   */
  private fitRanges(table: Table, rules: Rule[]): CategoryRanges[] {
    const ruled = new Map<string, number[]>();
    for (const r of rules) if (r.kind === 'zero') ruled.set(r.column, [...(ruled.get(r.column) ?? []), r.value ?? 0]);
    const kindOf = new Map(this.schema.map((c) => [c.name, c.kind]));
    const numbers = this.slots.flatMap((s) => (s.kind === 'model' && this.plainEncoder(s) && kindOf.get(s.column.name) === 'numeric' ? [s.column.name] : []));
    // A category written over from a number (a grade by its rate's step) is that number's, not a cause of it.
    const overwritten = (s: (typeof this.slots)[number]): boolean => s.kind === 'model' && s.built !== undefined;
    const categories = this.slots.flatMap((s) => {
      const name = s.kind === 'model' && !s.built ? s.column.name : s.kind === 'derived' && !overwritten(this.slots[s.from]) ? s.name : null;
      const kind = name === null ? null : kindOf.get(name);
      return name !== null && (kind === 'categorical' || kind === 'boolean') ? [name] : [];
    });
    if (categories.length === 0) return [];
    const ranges = numbers.length ? fitCategoryRanges(table, this.schema, numbers, categories, ruled) : [];
    // A date written as a gap after another keeps the gap in its category's range too (an emergency
    // repair closed within a day of opening, where the seed's all are): the model wrote 18.8 days.
    const gaps = this.slots.flatMap((s) => (s.kind === 'model' && s.built?.construction.kind === 'gap' ? [{ name: s.column.name, construction: s.built.construction }] : []));
    if (gaps.length === 0) return ranges;
    const gapped = { ...table, columns: table.names.map((name, i) => { const g = gaps.find((x) => x.name === name); return g ? gapValues(table, this.schema, g.construction) : table.columns[i]; }) };
    const found = fitCategoryRanges(gapped, this.rangeSchema(gaps.map((g) => g.name)), gaps.map((g) => g.name), categories);
    return [...ranges, ...found.map((r) => ({ ...r, gap: true as const }))];
  }

  /** The schema with `gaps` (dates written as a gap after another) read as the plain numbers their cells hold before they are built. */
  private rangeSchema(gaps: string[]): ColumnSchema[] {
    return this.schema.map((c) => (gaps.includes(c.name) ? { ...c, kind: 'numeric' as const, numeric: undefined, date: undefined } : c));
  }

  /** What writes a number kept within its category's range: its plain encoder, or a gap's. */
  private rangeWriter(name: string): ContinuousEncoder | null {
    const slot = this.slots[this.names.indexOf(name)];
    if (slot?.kind === 'model' && slot.built?.construction.kind === 'gap' && slot.column.encoder instanceof ContinuousEncoder) return slot.column.encoder;
    return this.plainEncoder(name);
  }

  /** Rows of `table` (same columns as fitted) as a row-major [rows, width] matrix. */
  encode(table: Table, schema: ColumnSchema[], seed: number): Float32Array {
    const rng = new Rng(seed);
    const width = this.layout.width;
    const out = new Float32Array(table.rowCount * width);
    for (const column of this.encoded) {
      const i = schema.findIndex((s) => s.name === column.name);
      column.encoder.encode(column.valuesOf?.(table) ?? table.columns[i], out, width, column.offset, rng);
    }
    return out;
  }

  /**
   * Encoded rows as the seed's are encoded: decoded as generation writes them (numbers rounded
   * to the seed's step, point values exact, built columns built, rules applied, but no row
   * dropped) and encoded again, so a generated scalar between two of the seed's steps reads as
   * the step it will be written as. A classifier comparing generated rows with the seed's then
   * sees what a user will see, not the encoding's leftovers.
   */
  canonical(data: Float32Array, rows: number, rng: Rng): Float32Array {
    const { table } = this.decodeChecked(data, rows, rng, 0, undefined, true);
    return this.encode(table, this.schema, rng.bits());
  }

  /**
   * Which of generated rows generation writes (1) rather than drops for breaking a rule (0);
   * with `encoded`, also the rows as `canonical` encodes them.
   */
  written(data: Float32Array, rows: number, rng: Rng, encoded = false): { kept: Uint8Array; rows: Float32Array | null } {
    const { table, bad } = this.decodeChecked(data, rows, rng, 0, undefined, true);
    return { kept: bad.map((b) => 1 - b), rows: encoded ? this.encode(table, this.schema, rng.bits()) : null };
  }

  /**
   * The slots of the point masses (a count's 3) of numbers kept within their category's range:
   * a value out of range is drawn again from the category's own, so such a slot's share in the
   * rows written is not the share of rows the generator gives it.
   */
  get redrawnPoints(): number[] {
    const ranged = new Set(this.categoryRanges.map((r) => r.column));
    return this.encoded.flatMap((c) => (ranged.has(c.name) && c.encoder instanceof ContinuousEncoder ? c.encoder.pointSlots.map((k) => c.offset + k) : []));
  }

  /**
   * The values of its source that give a derived column `value`, with their seed counts; null
   * when `column` is not derived.
   */
  sourcesOf(column: string, value: string): { source: string; values: (string | null)[]; counts: number[] } | null {
    const slot = this.slots.find((s) => s.kind === 'derived' && s.name === column);
    if (slot?.kind !== 'derived') return null;
    const values = [...slot.map.keys()].filter((v) => slot.map.get(v) === value);
    return { source: this.names[slot.from], values, counts: values.map((v) => slot.counts.get(v) ?? 0) };
  }

  /**
   * Model rows back to a table in the seed's column order, without the rows that break an
   * accepted rule; `firstRow` numbers the fresh IDs of the rows kept. A `fixed` column is set
   * to its value before the columns that follow it are derived; a fixed derived column
   * redraws, at seed frequencies, the source values that do not give it.
   */
  decode(data: Float32Array, rows: number, rng: Rng, firstRow = 0, fixed?: { column: string; value: string }): Table {
    return this.decodeChecked(data, rows, rng, firstRow, fixed).table;
  }

  /**
   * 0 as each zero rule's column writes it, where the rule may write it: both its columns
   * modelled as they are (a column built from others, or built from in turn, is left to redraws).
   * Made on the first decode; the rules and slots are fixed by then.
   */
  private zeroTexts(): Map<Rule, string> {
    if (this.zeros) return this.zeros;
    const plain = (name: string) => this.plainEncoder(name);
    const zeros = new Map<Rule, string>();
    for (const rule of this.rules) {
      // A category (`values`) is decoded before zeros are written, whatever slot holds it.
      const encoder = rule.kind === 'zero' && (rule.values || plain(rule.when)) ? plain(rule.column) : null;
      if (rule.kind === 'zero' && encoder) zeros.set(rule, encoder.write(rule.value ?? 0));
    }
    return (this.zeros = zeros);
  }

  /**
   * The encoder of a column (by name or slot) where it is a number modelled as it is (not built
   * from others), else null. A ratio written again from its numerator (a price per m²) stays
   * near what the model gave, so it counts as modelled as it is.
   */
  private plainEncoder(of: string | Slot): ContinuousEncoder | null {
    const slot = typeof of === 'string' ? this.slots[this.names.indexOf(of)] : of;
    const plain = slot?.kind === 'model' && (!slot.built || (slot.built.construction.kind === 'sum' && slot.built.construction.per === true));
    return plain && slot.column.encoder instanceof ContinuousEncoder ? slot.column.encoder : null;
  }

  /** As `decode`, with how many rows were dropped for breaking which rule; `keepBroken` keeps them (see `canonical`). */
  decodeChecked(data: Float32Array, rows: number, rng: Rng, firstRow = 0, fixed?: { column: string; value: string }, keepBroken = false, limit = Infinity): Decoded {
    const width = this.layout.width;
    const columns = this.slots.map((slot) => {
      if (slot.kind === 'model') {
        if (slot.column.name === fixed?.column) return new Array<string | null>(rows).fill(fixed.value);
        return slot.column.encoder.decode(data, width, slot.column.offset, rows, rng);
      }
      if (slot.kind === 'constant') return new Array<string | null>(rows).fill(slot.value);
      if (slot.kind === 'sum') return new Array<string | null>(rows).fill(null);
      return [];
    });
    this.slots.forEach((slot, i) => {
      if (slot.kind !== 'derived') return;
      if (slot.name === fixed?.column) {
        const { values, counts } = this.sourcesOf(fixed.column, fixed.value)!;
        const cumulative = cumulativeOf(counts);
        const source = columns[slot.from];
        for (let r = 0; r < rows; r++) if (slot.map.get(source[r]) !== fixed.value) source[r] = values[rng.pick(cumulative)];
      }
      columns[i] = columns[slot.from].map((v) => slot.map.get(v) ?? null);
    });
    const names = this.names;
    const bad = new Uint8Array(rows);
    const built = this.slots.flatMap((s) => ((s.kind === 'model' || s.kind === 'sum') && s.built ? [s.built] : []));
    // Before the zero and blank rules, which read what the ranges may draw again (hours a fee is 0 with).
    if (this.categoryRanges.length) {
      const schema = this.rangeSchema(this.categoryRanges.flatMap((r) => (r.gap ? [r.column] : [])));
      keepCategoryRanges(this.categoryRanges, names, columns, schema, (name) => this.rangeWriter(name), rng);
    }
    blankByRules(this.rules, names, columns, new Set(this.slots.flatMap((s) => (s.kind === 'sum' ? [s.name] : []))));
    zeroByRules(this.rules, names, columns, this.schema, this.zeroTexts());
    // A column that follows one written over (a month's name beside a month a date fixes) follows what was written.
    const follows = this.slots.flatMap((slot) => {
      const from = slot.kind === 'derived' ? this.slots[slot.from] : null;
      const over = slot.kind === 'derived' && from?.kind === 'model' && from.built && isOverwritten(from.built.construction);
      return over ? [{ column: slot.name, from: names[slot.from], map: slot.map }] : [];
    });
    const filled = this.markPresent(names, columns);
    construct(built, names, columns, this.schema, bad, follows);
    for (const column of filled) for (let r = 0; r < rows; r++) if (column[r] === PRESENT) column[r] = null;
    // A fixed column written over by a step keeps only the rows whose number gives the fixed value.
    const fixedAt = fixed ? names.indexOf(fixed.column) : -1;
    if (fixedAt >= 0) for (let r = 0; r < rows; r++) if (columns[fixedAt][r] !== fixed!.value) bad[r] = 1;
    const broken = markBroken(this.rules, this.builtBounds, { names, columns, rowCount: rows }, this.schema, bad);
    const kept: number[] = [];
    for (let r = 0; r < rows; r++) if (keepBroken || !bad[r]) kept.push(r);
    // Rows beyond those wanted go before keys are formed, not after: cut from a key's rows, they would leave gaps in its runs.
    const trimmed = Math.max(0, kept.length - limit);
    kept.length -= trimmed;
    const filtered = kept.length === rows ? columns : columns.map((col) => kept.map((r) => col[r]));
    // Each repeated key's rows, labelled by their first row: IDs are written once the rows are
    // final, so rows dropped below leave no gap an ID of the next batch would fill again.
    const labels = new Map<number, string[]>();
    this.slots.forEach((slot, i) => {
      if (slot.kind !== 'id' || !slot.keys) return;
      const cellsOf = (name: string) => labels.get(names.indexOf(name)) ?? (names.includes(name) ? filtered[names.indexOf(name)] : undefined);
      labels.set(i, assignKeys(Array.from({ length: kept.length }, (_, r) => String(r)), slot.keys, cellsOf, rng));
    });
    const whole = { names, columns: filtered, rowCount: kept.length, missingSpellings: this.missingSpellings, delimiter: this.delimiter };
    const { table, rows: left } = this.keyRows(whole, labels, built, keepBroken ? kept : null, bad, broken, rng);
    this.slots.forEach((slot, i) => {
      if (slot.kind !== 'id') return;
      // A prefix that follows a column (a year of the listing date) is written from that column's kept rows.
      // The kept rows' cells of a column an ID's prefix, ending or blanks follow.
      const cellsOf = (name: string | null) => (name !== null && names.includes(name) ? table.columns[names.indexOf(name)] : undefined);
      const column = this.schema.find((c) => c.name === slot.ids.linkedTo);
      const prefix = column && cellsOf(column.name);
      const linked = { ...(prefix && { prefix, read: numberReader(column) }), end: cellsOf(slot.ids.endLinkedTo) };
      const label = labels.get(i);
      const dated = slot.dated === undefined ? undefined : this.schema.find((c) => c.name === slot.dated);
      const at = label ? keyPlaces(left.map((r) => label[r])) : dated && datePlaces(readNumbers(dated, table.columns[names.indexOf(dated.name)]));
      const ids = slot.ids.take(table.rowCount, firstRow, { ...linked, ...(at && { at }), ...(slot.count && { numbers: this.countOf(slot.count, table, labels, left) }) });
      // A key's ID is its first row's.
      const first = new Map<string, number>();
      const shared = label ? left.map((r, k) => ids[first.get(label[r]) ?? first.set(label[r], k).get(label[r])!]) : ids;
      const cells = slot.ids.withBlanks(shared, firstRow, cellsOf(slot.ids.blankLinkedTo));
      // Blank on all of a key's rows or on none, as the seed's finer keys are (a walk-in customer has no email on any job).
      if (label && slot.keys?.wholeBlanks && slot.ids.blankLinkedTo === null) {
        const blank = new Map<string, boolean>();
        left.forEach((r, k) => {
          if (!blank.has(label[r])) blank.set(label[r], cells[k] === null);
          cells[k] = blank.get(label[r]) ? null : shared[k];
        });
      }
      table.columns[i] = cells;
    });
    for (const { column, count, prefix, suffix, width } of this.counted) {
      const numbers = this.countOf(count, table, labels, left);
      if (!numbers) continue;
      const at = names.indexOf(column);
      table.columns[at] = numbers.map((n) => prefix + String(n).padStart(width, '0') + suffix);
      // A visit's number beside its code (`V3`, 3) follows it.
      this.slots.forEach((s, i) => void (s.kind === 'derived' && s.from === at && (table.columns[i] = table.columns[at].map((v) => s.map.get(v) ?? null))));
    }
    return { table, dropped: rows - trimmed - table.rowCount, broken, bad };
  }

  /**
   * Marks, in each total written from its parts where the model gives one (a refund of fee and
   * surcharge), the rows an exact blank rule says hold one (a cancelled booking) but the model
   * left blank: the parts write it there. Left blank, those rows broke the rule and were dropped
   * (2,970 of 5,000 draws early in a run). Returns the columns marked; a mark the parts could
   * not replace is blank again after `construct`.
   */
  private markPresent(names: string[], columns: (string | null)[][]): (string | null)[][] {
    const partial = new Set(this.slots.flatMap((s) => (s.kind === 'model' && s.built && isOverwritten(s.built.construction) && 'partial' in s.built.construction && s.built.construction.partial ? [s.column.name] : [])));
    const marked: (string | null)[][] = [];
    for (const rule of this.rules) {
      if (rule.kind !== 'blank' || rule.oneWay || !partial.has(rule.column)) continue;
      const [column, when] = [columns[names.indexOf(rule.column)], columns[names.indexOf(rule.when)]];
      if (!column || !when) continue;
      const values = new Set(rule.values);
      for (let r = 0; r < column.length; r++) if (column[r] === null && !values.has(when[r] ?? null)) column[r] = PRESENT;
      marked.push(column);
    }
    return marked;
  }

  /** Each kept row's number within its key of `count.within` (see `KeyCount`). */
  private countOf(count: KeyCount, table: Table, labels: Map<number, string[]>, left: number[]): number[] | undefined {
    const label = labels.get(this.slots.findIndex((s) => s.kind === 'id' && s.name === count.within));
    if (!label) return undefined;
    const column = count.by === undefined ? undefined : this.schema.find((c) => c.name === count.by);
    const when = column ? readNumbers(column, table.columns[table.names.indexOf(column.name)]) : null;
    return countWithinKeys(label, left, when, count.start);
  }

  /**
   * `copyWithinKeys`, run again over the rows it kept where it dropped some and a key's rows run
   * in sequence (dates stepped, numbers run on or carried, ages counted): a crew member's hours
   * flown this month then run on over the rows written, with no gap where a row was dropped.
   * At most SEQUENCE_PASSES runs; the last ends a key's rows at its first dropped one instead.
   */
  private keyRows(table: Table, labels: Map<number, string[]>, built: Built[], rowsAt: number[] | null, bad: Uint8Array, broken: Map<string, number>, rng: Rng): { table: Table; rows: number[] } {
    const sequenced = this.slots.some((s) => s.kind === 'id' && sequenceDate(s.keys) !== undefined);
    let [current, at, rows] = [table, labels, Array.from({ length: table.rowCount }, (_, r) => r)];
    for (let pass = 1; ; pass++) {
      const out = this.copyWithinKeys(current, at, built, rowsAt, bad, broken, rng, pass === SEQUENCE_PASSES);
      const kept = out.rows.map((r) => rows[r]);
      if (rowsAt || !sequenced || out.rows.length === current.rowCount || pass === SEQUENCE_PASSES) return { table: out.table, rows: kept };
      at = new Map([...at].map(([i, label]) => [i, out.rows.map((r) => label[r])]));
      [current, rows] = [out.table, kept];
    }
  }

  /**
   * `table` with each repeated key's rows (`labels`, by ID column) given its first row's values of
   * the columns the key fixes beyond its groups (see `KeyGroups.copied`), what is written from
   * them written again, and rows that then break a rule dropped (marked in `bad` at `rowsAt`
   * instead, where given); with the rows of `table` left, in order.
   */
  private copyWithinKeys(table: Table, labels: Map<number, string[]>, built: Built[], rowsAt: number[] | null, bad: Uint8Array, broken: Map<string, number>, rng: Rng, truncate = false): { table: Table; rows: number[] } {
    const { names, columns } = table;
    const all = Array.from({ length: table.rowCount }, (_, r) => r);
    const changed = new Set<string>();
    const target = { names, columns, schema: this.schema };
    const drop: number[] = [];
    this.slots.forEach((slot, i) => {
      if (slot.kind !== 'id' || !slot.keys) return;
      const [copied, given] = [slot.keys.copied ?? [], slot.keys.given ?? []].map((list) => list.filter((name) => names.includes(name)));
      copyWithinKeys(labels.get(i)!, copied.map((name) => columns[names.indexOf(name)]));
      copyWithinKeys(labels.get(i)!, given.map((name) => columns[names.indexOf(name)]), true);
      for (const name of [...copied, ...given]) changed.add(name);
      const { spaced, aged } = slot.keys;
      // Dates written as a gap from the stepped one (a tenancy's end from its start) move with it.
      const movers = spaced ? built.flatMap(({ construction: c }) => (gapStart(c, this.schema) === spaced.column ? [c.column] : [])) : [];
      if (spaced) for (const name of spaceWithinKeys(labels.get(i)!, target, spaced, movers, rng, drop)) changed.add(name);
      if (slot.keys.running) for (const name of runWithinKeys(labels.get(i)!, target, slot.keys.running)) changed.add(name);
      if (!aged) return;
      for (const name of ageWithinKeys(labels.get(i)!, target, aged, rng)) changed.add(name);
      const held = new Set([...slot.keys.fixed, ...(slot.keys.copied ?? []), ...(slot.keys.given ?? [])]);
      // The ranges a category keeps a number in, whether it is modelled plain or in the category's scale.
      const scaled = built.flatMap(({ construction: c }) => (c.kind === 'scaled' && c.ranges ? [{ column: c.column, by: c.by, ranges: c.ranges }] : []));
      for (const name of followAges(target, aged, [...this.categoryRanges.filter((r) => !r.gap), ...scaled], held, rng)) changed.add(name);
    });
    for (const name of this.carryWithinKeys(target, labels, built)) changed.add(name);
    if (changed.size === 0) return { table, rows: all };
    const again = rewrittenFrom(built, this.followers(), changed);
    const breaks = new Uint8Array(table.rowCount);
    for (const r of drop) breaks[r] = 1;
    construct(again.built, names, columns, this.schema, breaks, again.follows);
    for (const [rule, n] of markBroken(this.rules, this.builtBounds, table, this.schema, breaks)) broken.set(rule, (broken.get(rule) ?? 0) + n);
    if (rowsAt) {
      breaks.forEach((b, r) => void (b && (bad[rowsAt[r]] = 1)));
      return { table, rows: all };
    }
    if (truncate) this.truncateKeys(table, labels, breaks);
    const kept = all.filter((r) => !breaks[r]);
    if (kept.length === table.rowCount) return { table, rows: all };
    return { table: { ...table, columns: columns.map((col) => kept.map((r) => col[r])), rowCount: kept.length }, rows: kept };
  }

  /**
   * Marks in `breaks`, for each key whose rows run in sequence, every row after its first marked
   * one in the order of the sequence's date: what is left of the key runs on with no gap.
   */
  private truncateKeys(table: Table, labels: Map<number, string[]>, breaks: Uint8Array): void {
    this.slots.forEach((slot, i) => {
      const by = slot.kind === 'id' ? sequenceDate(slot.keys) : undefined;
      const column = by === undefined ? undefined : this.schema.find((c) => c.name === by);
      const label = labels.get(i);
      if (!column || !label) return;
      const when = readNumbers(column, table.columns[table.names.indexOf(column.name)]).map((x) => (Number.isNaN(x) ? Infinity : x));
      for (const rows of groupsOf(label)) {
        rows.sort((a, b) => when[a] - when[b] || a - b);
        const first = rows.findIndex((r) => breaks[r]);
        if (first >= 0) for (const r of rows.slice(first)) breaks[r] = 1;
      }
    });
  }

  /**
   * Carries each key's numbers over from the row before (see `KeyGroups.carried`), and writes
   * again what is written from them, once for each row of the longest key: a balance brought
   * forward makes this row's balance, which the next row brings forward. Returns the columns carried.
   */
  private carryWithinKeys(target: SequenceTarget, labels: Map<number, string[]>, built: Built[]): string[] {
    const carrying = this.slots.flatMap((slot, i) => (slot.kind === 'id' && slot.keys?.carried ? [{ label: labels.get(i)!, carried: slot.keys.carried }] : []));
    const names = carrying.flatMap(({ carried }) => carried.map((c) => c.column));
    if (names.length === 0) return [];
    const again = rewrittenFrom(built, this.followers(), new Set(names));
    const scratch = new Uint8Array(target.columns[0]?.length ?? 0);
    // One pass where nothing is written from what is carried; else one a row, up to a cap (a
    // store's thousand days of sales would take a thousand passes over every row).
    const rewrites = again.built.length + again.follows.length > 0;
    for (let pass = 0, longest = 1; pass < Math.min(longest, MAX_CARRY_PASSES); pass++) {
      for (const { label, carried } of carrying) longest = Math.max(longest, carryWithinKeys(label, target, carried));
      if (!rewrites) break;
      construct(again.built, target.names, target.columns, this.schema, scratch, again.follows);
    }
    return names;
  }

  /** Every column that follows another, as `construct` writes it again. */
  private followers(): Follow[] {
    const names = this.names;
    return this.slots.flatMap((slot) => (slot.kind === 'derived' ? [{ column: slot.name, from: names[slot.from], map: slot.map }] : []));
  }
}

/** Rows a category's value needs for its own share of blank IDs to count; fewer are drawn toward the whole column's. */
const BLANK_SHARE_ROWS = 5;
/** How far, on average over rows, a category's shares of blank IDs must sit from the column's to be kept. */
const BLANK_SHARE_SPREAD = 0.08;
const MAX_BLANK_SHARE_VALUES = 50;

/**
 * The category whose values' shares of blank IDs differ most (a co-investigator missing on 61 %
 * of arts grants and 7 % of medical ones), where they differ by BLANK_SHARE_SPREAD on average
 * and by far more than chance (a chi-squared beyond its degrees of freedom plus six of its
 * standard deviations); each value's share drawn toward the column's as if it had five rows more.
 */
function blankShares(blank: boolean[], table: Table, categories: ColumnSchema[]): { column: string; of: [string | null, number][] } | null {
  const n = blank.length;
  const p = blank.filter(Boolean).length / n;
  let best: { column: string; of: [string | null, number][]; spread: number } | null = null;
  for (const c of categories) {
    if ((c.kind !== 'categorical' && c.kind !== 'boolean') || c.distinct > MAX_BLANK_SHARE_VALUES) continue;
    const cells = table.columns[table.names.indexOf(c.name)];
    const counts = new Map<string | null, [number, number]>();
    cells.forEach((v, r) => {
      const at = counts.get(v) ?? counts.set(v, [0, 0]).get(v)!;
      at[0]++;
      at[1] += Number(blank[r]);
    });
    let [spread, chi] = [0, 0];
    for (const [rows, blanks] of counts.values()) {
      spread += Math.abs(blanks - rows * p) / n;
      chi += (blanks - rows * p) ** 2 / (rows * p * (1 - p));
    }
    const df = counts.size - 1;
    if (df < 1 || spread < BLANK_SHARE_SPREAD || chi < df + 6 * Math.sqrt(2 * df) || (best && spread <= best.spread)) continue;
    const of = [...counts].map(([v, [rows, blanks]]): [string | null, number] => [v, (blanks + BLANK_SHARE_ROWS * p) / (rows + BLANK_SHARE_ROWS)]);
    best = { column: c.name, of, spread };
  }
  return best && { column: best.column, of: best.of };
}

/** A cell a total is to be written in (see `markPresent`): no text a table holds. */
const PRESENT = '\u0000present';

/** Each row's key's place among the keys, in the order of their first rows. */
function keyPlaces(keys: string[]): number[] {
  const place = new Map<string, number>();
  return keys.map((k) => place.get(k) ?? place.set(k, place.size).get(k)!);
}

/** Runs of a key's sequences over the rows kept, at most (see `keyRows`). */
const SEQUENCE_PASSES = 4;

/** Passes that carry numbers over a key's rows and write again what follows from them, at most. */
const MAX_CARRY_PASSES = 64;

/** How a column is written from others: null where it is modelled as it is, the column a gap builds it from, '' otherwise. */
function builtFrom(name: string, free: Set<string>, constructions: Map<string, Construction>, schema: ColumnSchema[]): string | null {
  const c = constructions.get(name);
  if (!free.has(name)) return '';
  // Modelled in another scale (a category's, a loose line's) but still drawn, not written.
  if (!c || c.kind === 'scaled' || c.kind === 'within' || c.kind === 'line') return null;
  return gapStart(c, schema) ?? '';
}

/** The date a construction writes its column as a gap after: a gap's, or a date's a number of hours or days after it (a duty's end from its start). */
function gapStart(c: Construction, schema: ColumnSchema[]): string | null {
  if (c.kind === 'gap') return c.below ? null : c.low;
  const date = (n: string) => schema.find((k) => k.name === n)?.kind === 'datetime';
  return c.kind === 'sum' && !c.minus?.length && c.parts.length === 2 && !c.times && date(c.column) && date(c.parts[0]) ? c.parts[0] : null;
}

/** The date a key's rows run in sequence by (stepped, run on, carried or aged over), if they do. */
function sequenceDate(keys: KeyGroups | undefined): string | undefined {
  return keys && (keys.spaced?.column ?? keys.running?.[0]?.by ?? keys.carried?.[0]?.by ?? keys.aged?.[0]?.to);
}

/** Output spans and condition blocks of the encoded columns, `width` wide in all. */
function layoutOf(width: number, encoded: EncodedColumn[]): Layout {
  return {
    width,
    spans: encoded.flatMap((c) => c.encoder.spans.map((s) => ({ ...s, start: s.start + c.offset }))),
    conditions: encoded.flatMap((c, column): ConditionSpan[] => {
      if (c.encoder instanceof CategoricalEncoder) return [{ kind: 'category', column, offset: c.offset, size: c.encoder.width, missingSlot: c.encoder.missingSlot }];
      const parts = c.encoder instanceof ClockEncoder ? c.encoder.parts : c.encoder instanceof ContinuousEncoder ? [{ offset: 0, encoder: c.encoder }] : [];
      // A continuous column's mode one-hot follows its scalar; one mode leaves nothing to choose.
      return parts.flatMap(({ offset, encoder }): ConditionSpan[] => {
        const modes = encoder.width - 1;
        return modes > 1 ? [{ kind: 'mode', column, offset: c.offset + offset + 1, size: modes, missingSlot: encoder.missingMode }] : [];
      });
    }),
  };
}

/** The category (or two) a scaled number is modelled by: `Department and Employment Type`. */
function byOf(c: Scaled): string {
  return c.then ? `${c.by} and ${c.then.by}` : c.by;
}
