'use client';

import Link from 'next/link';
import { useEffect } from 'react';

export default function SloError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="page-error" role="alert">
      <h1>The SLO page failed to render</h1>
      <p className="mono">{message}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
        <Link href="/" className="button button-quiet">
          Back to overview
        </Link>
      </div>
    </div>
  );
}
