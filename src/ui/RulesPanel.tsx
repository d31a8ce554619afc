import { useState } from 'react';
import { DATE_PARTS, PART_NAMES, type DatePart } from '../core/data/dateParts';
import { canDecideBlanks, FLAG_OPS, PRODUCT_FORMS, SUM_UNITS, type FlagOp, type ProductForm, type Rule, type RuleKind, type SumUnit } from '../core/data/rules';
import { isModelled } from '../core/data/schema';
import type { ColumnView } from '../worker/protocol';
import { useStudio } from './StudioContext';

/**
 * The kinds a rule added by hand may be: a step, a loan's instalment, a lookup by two columns,
 * the values one category takes with another's, an end a time by category after its start, or
 * brackets or a formula of three, is found in the data (or read from JSON), not written by hand (nor a rate by category).
 */
type AddedKind = Exclude<RuleKind, 'step' | 'annuity' | 'lookup' | 'among' | 'period' | 'brackets' | 'formula'>;

const KINDS: { kind: AddedKind; label: string }[] = [
  { kind: 'order', label: 'is on or after' },
  { kind: 'sum', label: 'equals the sum of' },
  { kind: 'product', label: 'equals the product or ratio of' },
  { kind: 'rate', label: 'is a fixed share of' },
  { kind: 'range', label: 'is at least' },
  { kind: 'excess', label: 'is the part above' },
  { kind: 'zero', label: 'is 0 exactly when' },
  { kind: 'blank', label: 'is blank exactly when' },
  { kind: 'part', label: 'is a part of the date' },
  { kind: 'years', label: 'is the whole years from' },
  { kind: 'flag', label: 'is this value exactly when' },
  { kind: 'differ', label: 'never equals' },
];

/** The product forms a rule added by hand may take (a BMI's square is found, or read from JSON). */
type AddedForm = Extract<ProductForm, 'times' | 'percent' | 'off' | 'per' | 'share'>;

const isCategory = (c: ColumnView) => isModelled(c) && c.kind === 'categorical';
/** A column of two values, which a flag rule may name first. */
const isFlag = (c: ColumnView) => isModelled(c) && (c.kind === 'categorical' || c.kind === 'boolean') && c.distinct === 2;

/**
 * Columns a rule of `kind` may name first: numbers and dates (numbers for a zero, product, rate,
 * years or floor rule: a floor is typed as a plain number), any modelled column for a blank or
 * date part rule, a column of two values for a flag, a category for one that never equals another.
 */
const firstColumns = (columns: ColumnView[], kind: RuleKind) =>
  kind === 'differ' ? columns.filter(isCategory) : kind === 'flag' ? columns.filter(isFlag) : columns.filter((c) => isModelled(c) && (kind === 'blank' || kind === 'part' || c.kind === 'numeric' || (c.kind === 'datetime' && !['zero', 'product', 'rate', 'years', 'range', 'excess'].includes(kind))));
/** Columns the rule may name after that: categories and whole numbers for a blank rule, dates for a date part or years. */
const otherColumns = (columns: ColumnView[], kind: RuleKind) => {
  if (kind === 'blank') return columns.filter((c) => isModelled(c) && canDecideBlanks(c));
  if (kind === 'flag') return columns.filter((c) => isModelled(c) && (c.kind === 'numeric' || c.kind === 'datetime'));
  if (kind === 'part' || kind === 'years') return columns.filter((c) => isModelled(c) && c.kind === 'datetime');
  // A number is 0 exactly when another is 0, or when a category has a value.
  if (kind === 'zero') return columns.filter((c) => isModelled(c) && ['numeric', 'categorical', 'boolean'].includes(c.kind));
  return firstColumns(columns, kind);
};

/**
 * Rules every row of the seed obeys, found where chance cannot explain them; generated rows
 * keep the ticked ones. The user can untick, remove, or add one of the same kinds by hand.
 */
export function RulesPanel() {
  const { rules, columns, busy, keepRule, removeRule, refusal, dismiss } = useStudio((s) => ({
    rules: s.rules,
    columns: s.columns,
    busy: s.status !== 'idle',
    keepRule: s.keepRule,
    removeRule: s.removeRule,
    refusal: s.error?.task === 'rules' ? s.error.message : null,
    dismiss: s.dismissError,
  }));
  if (columns.length === 0) return null;
  const follows = columns.filter((c) => c.include && c.follows);
  return (
    <section className="panel rules" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <p className="hint">
        Rules every row of your data obeys. Each ticked rule holds on every generated row. A rule is listed only when your rows show it is no
        accident (an order that holds in 20 rows could be chance; in 400 it is not).
      </p>
      {rules.length === 0 && follows.length === 0 && <p className="status">No rules found.</p>}
      <ul className="rule-list">
        {rules.map((r) => (
          <li key={r.text}>
            <label className="check">
              <input type="checkbox" aria-label={`Keep ${r.text}`} checked={r.keep} disabled={busy} onChange={(e) => keepRule(r.text, e.target.checked)} />
              <code>{r.text}</code>
            </label>
            <span className="detail">{r.origin === 'added' ? 'added by you' : 'found in your data'}</span>
            <button type="button" aria-label={`Remove ${r.text}`} disabled={busy} onClick={() => removeRule(r.text)}>
              Remove
            </button>
          </li>
        ))}
        {follows.map((c) => (
          <li key={`follows:${c.name}`}>
            <code>
              {c.name} follows {c.follows}
            </code>
            <span className="detail">found in your data; written from {c.follows} on every row</span>
          </li>
        ))}
      </ul>
      <AddRule columns={columns} disabled={busy} />
      {refusal && (
        <div role="alert" className="error">
          <span>{refusal}</span>
          <button type="button" onClick={dismiss} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}
    </section>
  );
}

function AddRule({ columns, disabled }: { columns: ColumnView[]; disabled: boolean }) {
  const addRule = useStudio((s) => s.addRule);
  const [chosen, setKind] = useState<AddedKind>('order');
  // Only kinds this table has columns for (a flag needs a column of two values).
  const kinds = KINDS.filter((k) => firstColumns(columns, k.kind).length > 0);
  const kind = kinds.find((k) => k.kind === chosen)?.kind ?? kinds[0]?.kind ?? 'order';
  const [picked, setPicked] = useState<string[]>(['', '', '']);
  // A sum's optional third column, added or taken away ('' for none).
  const [third, setThird] = useState('');
  const [thirdSign, setThirdSign] = useState<'+' | '−'>('+');
  const [min, setMin] = useState('0');
  const [rate, setRate] = useState('');
  const [over, setOver] = useState('');
  const [part, setPart] = useState<DatePart>('year');
  // A product's form: a × b, a × b / 100 (b in percent), or a × (100 − b) / 100 (a less b percent).
  const [form, setForm] = useState<AddedForm>('times');
  const [unit, setUnit] = useState<SumUnit>('days');
  const [value, setValue] = useState('');
  // Years run to another date column, or ('') to a fixed day.
  const [end, setEnd] = useState('');
  const [day, setDay] = useState('');
  const [op, setOp] = useState<FlagOp>('=');
  const first = firstColumns(columns, kind).map((c) => c.name);
  const others = otherColumns(columns, kind).map((c) => c.name);
  const namesAt = (i: number) => (i === 0 ? first : others);
  const at = (i: number): string => {
    const names = namesAt(i);
    if (names.includes(picked[i])) return picked[i];
    // A date part's date is not the column itself, where that is a date too.
    if (kind === 'part' && i === 1) return names.find((n) => n !== at(0)) ?? names[0] ?? '';
    return names[kind === 'blank' || kind === 'part' ? 0 : i] ?? names[0] ?? '';
  };
  const pick = (i: number, name: string) => setPicked((p) => p.map((v, j) => (j === i ? name : v)));
  const select = (i: number, label: string) => (
    <select aria-label={label} value={at(i)} disabled={disabled} onChange={(e) => pick(i, e.target.value)}>
      {namesAt(i).map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
  if (first.length === 0) return null;
  // A sum whose total is a date adds a number of days, hours, minutes or seconds.
  const dated = kind === 'sum' && columns.find((c) => c.name === at(0))?.kind === 'datetime';
  const rule = (): Rule => {
    if (kind === 'order') return { kind, high: at(0), low: at(1) };
    if (kind === 'differ') return { kind, left: at(0), right: at(1) };
    if (kind === 'sum' && third !== '' && others.includes(third)) {
      return thirdSign === '+' ? { kind, total: at(0), parts: [at(1), at(2), third] } : { kind, total: at(0), parts: [at(1), at(2)], minus: [third] };
    }
    if (kind === 'product') return { kind, total: at(0), parts: [at(1), at(2)], ...PRODUCT_FORMS[form] };
    if (kind === 'sum') return { kind, total: at(0), parts: [at(1), at(2)], ...(dated && unit !== 'days' && { unit }) };
    if (kind === 'blank') return { kind, column: at(0), when: at(1), values: [value.trim() === '' ? null : value.trim()] };
    if (kind === 'zero') return { kind, column: at(0), when: at(1), ...(byCategory && { values: [value.trim() === '' ? null : value.trim()] }) };
    if (kind === 'rate') return { kind, total: at(0), of: at(1), rate: Number(rate) };
    if (kind === 'part') return { kind, column: at(0), date: at(1), part };
    if (kind === 'flag') {
      // The other value is the column's other one; the same value twice is refused with a message.
      const named = value.trim();
      const other = flagLabels.find((l) => l !== named) ?? named;
      return { kind, column: at(0), left: at(1), op, right: at(2), values: [named, other] };
    }
    if (kind === 'excess') return { kind, column: at(0), of: at(1), over: Number(over) };
    if (kind === 'years') return toDate ? { kind, column: at(0), from: at(1), to: end } : { kind, column: at(0), from: at(1), on: day };
    return { kind, column: at(0), min: Number(min) };
  };
  // The chart's labels name blanks "(missing)": no value a flag can take.
  const flagLabels = (columns.find((c) => c.name === at(0))?.mini.labels ?? []).filter((l) => l !== '(missing)');
  const suggestions = kind === 'flag' ? flagLabels : (columns.find((c) => c.name === at(1))?.mini.labels ?? []);
  const notNumber = (text: string) => text.trim() === '' || !Number.isFinite(Number(text));
  const toDate = others.includes(end) && end !== at(1);
  const byCategory = kind === 'zero' && columns.find((c) => c.name === at(1))?.kind !== 'numeric';
  const incomplete = (kind === 'range' && notNumber(min)) || (kind === 'rate' && notNumber(rate)) || (kind === 'excess' && notNumber(over)) || (kind === 'years' && !toDate && day === '') || (kind === 'flag' && value.trim() === '') || others.length === 0;
  const valueField = (
    <>
      <input
        aria-label="Rule value"
        list="rule-values"
        placeholder={kind === 'flag' ? flagLabels[0] : '(blank)'}
        value={value}
        disabled={disabled}
        onChange={(e) => setValue(e.target.value)}
      />
      <datalist id="rule-values">
        {suggestions.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
    </>
  );
  return (
    <form
      className="row add-rule"
      onSubmit={(e) => {
        e.preventDefault();
        addRule(rule());
      }}
    >
      {select(0, 'Rule column')}
      <select aria-label="Rule kind" value={kind} disabled={disabled} onChange={(e) => setKind(e.target.value as AddedKind)}>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {kind === 'flag' && valueField}
      {kind === 'flag' && ' when '}
      {kind === 'excess' && (
        <>
          <input type="number" step="any" aria-label="Rule threshold" placeholder="8" value={over} disabled={disabled} onChange={(e) => setOver(e.target.value)} /> of{' '}
        </>
      )}
      {kind === 'range' ? (
        <input type="number" aria-label="Rule minimum" value={min} disabled={disabled} onChange={(e) => setMin(e.target.value)} />
      ) : (
        select(1, kind === 'sum' || kind === 'product' || kind === 'rate' ? 'Rule first part' : 'Rule other column')
      )}
      {kind === 'sum' && (
        <>
          + {select(2, 'Rule second part')}
          {dated && (
            <select aria-label="Rule unit" value={unit} disabled={disabled} onChange={(e) => setUnit(e.target.value as SumUnit)}>
              {SUM_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          )}
          <select aria-label="Rule third sign" value={thirdSign} disabled={disabled} onChange={(e) => setThirdSign(e.target.value as '+' | '−')}>
            <option value="+">+</option>
            <option value="−">−</option>
          </select>
          <select aria-label="Rule third part" value={third} disabled={disabled} onChange={(e) => setThird(e.target.value)}>
            <option value="">(none)</option>
            {others.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </>
      )}
      {kind === 'flag' && (
        <>
          <select aria-label="Rule comparison" value={op} disabled={disabled} onChange={(e) => setOp(e.target.value as FlagOp)}>
            {FLAG_OPS.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          {select(2, 'Rule second part')}
        </>
      )}
      {kind === 'product' && (
        <>
          {form === 'per' || form === 'share' ? '÷' : '×'} {select(2, 'Rule second part')}
          <select aria-label="Rule percent" value={form} disabled={disabled} onChange={(e) => setForm(e.target.value as AddedForm)}>
            <option value="times">as it is</option>
            <option value="percent">as a percentage (÷ 100)</option>
            <option value="off">taken off as a percentage: × (100 − it) ÷ 100</option>
            <option value="per">divided: first ÷ second</option>
            <option value="share">divided, in percent: first ÷ second × 100</option>
          </select>
        </>
      )}
      {kind === 'part' && (
        <select aria-label="Rule date part" value={part} disabled={disabled} onChange={(e) => setPart(e.target.value as DatePart)}>
          {DATE_PARTS.map((p) => (
            <option key={p} value={p}>
              {PART_NAMES[p]}
            </option>
          ))}
        </select>
      )}
      {kind === 'rate' && (
        <>
          × <input type="number" step="any" aria-label="Rule rate" placeholder="0.2" value={rate} disabled={disabled} onChange={(e) => setRate(e.target.value)} />
        </>
      )}
      {kind === 'years' && (
        <>
          to
          <select aria-label="Rule end date" value={toDate ? end : ''} disabled={disabled} onChange={(e) => setEnd(e.target.value)}>
            <option value="">a fixed day</option>
            {others
              .filter((n) => n !== at(1))
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
          {!toDate && <input type="date" aria-label="Rule day" value={day} disabled={disabled} onChange={(e) => setDay(e.target.value)} />}
        </>
      )}
      {(kind === 'blank' || byCategory) && <>is {valueField}</>}
      <button type="submit" disabled={disabled || incomplete}>
        Add rule
      </button>
    </form>
  );
}
