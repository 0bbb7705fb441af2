import type { ReactNode } from 'react';

/** Placeholder bars while a panel's first answer is on its way. */
export function PanelLoading({ label, lines = 4 }: { label: string; lines?: number }) {
  return (
    <div className="panel-state panel-loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder lines, nothing else to key them by
        <div key={index} className="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}

/** The request worked but there is nothing to show yet. */
export function PanelEmpty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="panel-state panel-empty" role="status">
      <p className="panel-state-title">{title}</p>
      {children ? <p className="panel-state-detail">{children}</p> : null}
    </div>
  );
}

interface PanelErrorProps {
  title: string;
  error: Error;
  /** Offered as a "Retry" button when given. */
  onRetry?: () => void;
}

/** The request failed; shows the wrapper's message, which names the endpoint and the cause. */
export function PanelError({ title, error, onRetry }: PanelErrorProps) {
  return (
    <div className="panel-state panel-error" role="alert">
      <p className="panel-state-title">{title}</p>
      <p className="panel-state-detail mono">{error.message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** Shown above live data when a refresh failed: the data is kept but marked stale. */
export function StaleNotice({ error }: { error: Error }) {
  return (
    <p className="stale-notice" role="status">
      Showing the last good answer; refresh failed: <span className="mono">{error.message}</span>
    </p>
  );
}
