import type { LegendEntry } from '@/lib/heatmap/tone';

/** Colour key for a heatmap; each swatch is paired with its range in words, after a caption saying what they measure. */
export function HeatmapLegend({ entries, caption }: { entries: LegendEntry<string>[]; caption?: string }) {
  return (
    <ul className="heatmap-legend" aria-label="Colour legend">
      {caption ? <li className="legend-caption">{caption}</li> : null}
      {entries.map(({ tone, label }) => (
        <li key={tone}>
          <span className={`legend-swatch tone-${tone}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
