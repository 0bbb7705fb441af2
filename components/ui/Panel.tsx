import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Right-aligned controls in the header (range selector, counters). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled dashboard tile; the section is named by its heading for screen readers. */
export function Panel({ title, actions, children, className }: PanelProps) {
  const headingId = useId();
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId} className="panel-title">
          {title}
        </h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
