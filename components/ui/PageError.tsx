'use client';

import Link from 'next/link';
import { useEffect } from 'react';

export interface SegmentErrorProps {
  error: unknown;
  retry: () => void;
}

/**
 * What a route segment's `error.tsx` renders when its page failed to render (panels handle
 * their own data errors). `title` names the page; `backToOverview` adds a link home.
 */
export function PageError({ error, retry, title, backToOverview = true }: SegmentErrorProps & { title: string; backToOverview?: boolean }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="page-error" role="alert">
      <h1>{title}</h1>
      <p className="mono">{message}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
        {backToOverview && (
          <Link href="/" className="button button-quiet">
            Back to overview
          </Link>
        )}
      </div>
    </div>
  );
}
