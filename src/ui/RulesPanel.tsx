import { useState } from 'react';
import type { Rule, RuleKind } from '../core/data/rules';
import type { ColumnView } from '../worker/protocol';
import { useStudio } from './StudioContext';

const KINDS: { kind: RuleKind; label: string }[] = [
  { kind: 'order', label: 'is on or after' },
  { kind: 'sum', label: 'equals the sum of' },
  { kind: 'range', label: 'is at least' },
];

/** Columns a rule may name: included numbers and dates that the model learns. */
function ruleColumns(columns: ColumnView[]): ColumnView[] {
  return columns.filter((c) => c.include && (c.kind === 'numeric' || c.kind === 'datetime'));
}

/**
 * Rules every row of the seed obeys, found where chance cannot explain them; generated rows
 * keep the ticked ones. The user can untick, remove, or add one of the same kinds by hand.
 */
export function RulesPanel() {
  const { rules, columns, busy, keepRule, removeRule } = useStudio((s) => ({
    rules: s.rules,
    columns: s.columns,
    busy: s.status !== 'idle',
    keepRule: s.keepRule,
    removeRule: s.removeRule,
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
      <AddRule columns={ruleColumns(columns)} disabled={busy} />
    </section>
  );
}

function AddRule({ columns, disabled }: { columns: ColumnView[]; disabled: boolean }) {
  const addRule = useStudio((s) => s.addRule);
  const [kind, setKind] = useState<RuleKind>('order');
  const [picked, setPicked] = useState<string[]>(['', '', '']);
  const [min, setMin] = useState('0');
  const names = columns.map((c) => c.name);
  const at = (i: number) => (names.includes(picked[i]) ? picked[i] : (names[i] ?? names[0] ?? ''));
  const pick = (i: number, name: string) => setPicked((p) => p.map((v, j) => (j === i ? name : v)));
  const select = (i: number, label: string) => (
    <select aria-label={label} value={at(i)} disabled={disabled} onChange={(e) => pick(i, e.target.value)}>
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
  if (names.length === 0) return null;
  const rule = (): Rule =>
    kind === 'order'
      ? { kind, high: at(0), low: at(1) }
      : kind === 'sum'
        ? { kind, total: at(0), parts: [at(1), at(2)] }
        : { kind, column: at(0), min: Number(min) };
  return (
    <form
      className="row add-rule"
      onSubmit={(e) => {
        e.preventDefault();
        addRule(rule());
      }}
    >
      {select(0, 'Rule column')}
      <select aria-label="Rule kind" value={kind} disabled={disabled} onChange={(e) => setKind(e.target.value as RuleKind)}>
        {KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {kind === 'range' ? (
        <input type="number" aria-label="Rule minimum" value={min} disabled={disabled} onChange={(e) => setMin(e.target.value)} />
      ) : (
        select(1, kind === 'sum' ? 'Rule first part' : 'Rule other column')
      )}
      {kind === 'sum' && <>+ {select(2, 'Rule second part')}</>}
      <button type="submit" disabled={disabled || (kind === 'range' && !Number.isFinite(Number(min)))}>
        Add rule
      </button>
    </form>
  );
}
