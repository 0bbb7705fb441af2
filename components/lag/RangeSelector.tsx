import Link from 'next/link';
import { pairHref } from '@/lib/heatmap/shape';
import { LAG_RANGES, type LagRange } from './ranges';

interface RangeSelectorProps {
  sourceRegion: string;
  targetRegion: string;
  current: LagRange;
}

/** Links, not buttons: the range lives in the URL so a shared or reloaded page keeps it. */
export function RangeSelector({ sourceRegion, targetRegion, current }: RangeSelectorProps) {
  const basePath = pairHref(sourceRegion, targetRegion);
  return (
    <nav className="segmented" aria-label="Time range">
      {(Object.keys(LAG_RANGES) as LagRange[]).map((range) => (
        <Link
          key={range}
          href={`${basePath}?range=${range}`}
          replace
          scroll={false}
          aria-current={range === current ? 'page' : undefined}
          title={LAG_RANGES[range].description}
          className="segmented-option"
        >
          {range}
        </Link>
      ))}
    </nav>
  );
}
