'use client';

import { useEffect } from 'react';

/** Last resort for a page that failed to render; panels handle their own data errors. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="page-error" role="alert">
      <h1>This page failed to render</h1>
      <p className="mono">{message}</p>
      <button type="button" className="button" onClick={() => retry()}>
        Try again
      </button>
    </div>
  );
}
