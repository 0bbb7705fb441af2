import Link from 'next/link';

interface RangeLinksProps<R extends string> {
  /** The page the links lead to; each adds `?range=`. */
  basePath: string;
  ranges: Record<R, { description: string }>;
  current: R;
}

/** Links, not buttons: the range lives in the URL so a shared or reloaded page keeps it. */
export function RangeLinks<R extends string>({ basePath, ranges, current }: RangeLinksProps<R>) {
  return (
    <nav className="segmented" aria-label="Time range">
      {(Object.keys(ranges) as R[]).map((range) => (
        <Link
          key={range}
          href={`${basePath}?range=${range}`}
          replace
          scroll={false}
          aria-current={range === current ? 'page' : undefined}
          title={ranges[range].description}
          className="segmented-option"
        >
          {range}
        </Link>
      ))}
    </nav>
  );
}
