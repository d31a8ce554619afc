import type { Flag } from '../core/metrics/reportFigures';

const FLAG_TEXT: Record<Flag, string> = { ok: 'OK', warn: 'Check', bad: 'Problem' };

/** The flag in words, so it reads without colour too. */
export function FlagMark({ flag }: { flag: Flag }) {
  return <span className={`flag ${flag}`}>{FLAG_TEXT[flag]}</span>;
}
