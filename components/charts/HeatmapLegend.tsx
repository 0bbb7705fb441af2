import type { LegendEntry } from '@/lib/heatmap/tone';

/** Colour key for a heatmap; each swatch is paired with its range in words. */
export function HeatmapLegend({ entries }: { entries: LegendEntry<string>[] }) {
  return (
    <ul className="heatmap-legend" aria-label="Colour legend">
      {entries.map(({ tone, label }) => (
        <li key={tone}>
          <span className={`legend-swatch tone-${tone}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
