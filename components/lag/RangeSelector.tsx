import { RangeLinks } from '@/components/ui/RangeLinks';
import { pairHref } from '@/lib/heatmap/shape';
import { LAG_RANGES, type LagRange } from './ranges';

interface RangeSelectorProps {
  sourceRegion: string;
  targetRegion: string;
  current: LagRange;
}

/** The pair page's lag window. */
export function RangeSelector({ sourceRegion, targetRegion, current }: RangeSelectorProps) {
  return <RangeLinks basePath={pairHref(sourceRegion, targetRegion)} ranges={LAG_RANGES} current={current} />;
}
