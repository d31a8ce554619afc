import { useStudio } from './StudioContext';

/** The last problem, in words that say what to do; dismissing it keeps everything else. */
export function ErrorBanner() {
  const { error, dismiss } = useStudio((s) => ({ error: s.error, dismiss: s.dismissError }));
  // A refused rule is said beside the form that added it (RulesPanel), where the user is.
  if (!error || error.task === 'rules') return null;
  return (
    <div role="alert" className="error">
      <span>{error.message}</span>
      <button type="button" onClick={dismiss} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
