import Link from 'next/link';
import type { PairFilter } from '@/lib/divergence/grid';
import { divergencePageHref } from '@/lib/divergence/params';

const OPTIONS: Array<{ show: PairFilter; text: string; title: string }> = [
  { show: 'all', text: 'All pairs', title: 'every region pair' },
  { show: 'attention', text: 'Needs attention', title: 'only pairs with divergent entities or a failed check' },
];

/** Links, not buttons: the filter lives in the URL so a shared or reloaded page keeps it. */
export function PairFilterLinks({ current }: { current: PairFilter }) {
  return (
    <nav className="segmented" aria-label="Pairs shown">
      {OPTIONS.map(({ show, text, title }) => (
        <Link key={show} href={divergencePageHref(show)} replace scroll={false} aria-current={show === current ? 'page' : undefined} title={title} className="segmented-option">
          {text}
        </Link>
      ))}
    </nav>
  );
}
