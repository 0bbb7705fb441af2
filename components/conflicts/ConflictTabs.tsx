import Link from 'next/link';
import { QUEUE_PATH } from '@/lib/conflicts/filters';

/** Switches between the full conflict list and the manual queue. */
export function ConflictTabs({ current }: { current: 'all' | 'queue' }) {
  return (
    <nav className="segmented page-tabs" aria-label="Conflict views">
      <Link href="/conflicts" className="segmented-option" aria-current={current === 'all' ? 'page' : undefined}>
        All conflicts
      </Link>
      <Link href={QUEUE_PATH} className="segmented-option" aria-current={current === 'queue' ? 'page' : undefined}>
        Manual queue
      </Link>
    </nav>
  );
}
