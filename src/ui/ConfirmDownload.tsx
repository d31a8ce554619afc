import { useEffect, useId, useRef } from 'react';

interface Props {
  /** What would be downloaded ("the CSV"). */
  what: string;
  /** The report's serious findings, one sentence each. */
  findings: string[];
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asks in the page, next to the buttons, before rows the report warns about leave it: the
 * findings, then Download anyway or Cancel. Focus moves to Cancel, the harmless choice, and
 * goes back to the control that opened it when it closes; Escape cancels.
 */
export function ConfirmDownload({ what, findings, onConfirm, onCancel }: Props) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => opener?.focus();
  }, []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3 id={`${id}-title`}>Download {what} anyway?</h3>
      <div id={`${id}-body`}>
        <p>The quality report found a problem with these rows:</p>
        <ul>
          {findings.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <div className="row">
        <button type="button" className="danger" onClick={onConfirm}>
          Download anyway
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
