'use client';

import Link from 'next/link';
import { useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { firstCell, nextGridPosition, type GridPosition } from '@/lib/heatmap/navigation';
import { heatmapDensity, pairTitle, type HeatmapCell, type HeatmapModel } from '@/lib/heatmap/shape';
import type { LegendEntry } from '@/lib/heatmap/tone';
import { HeatmapLegend } from './HeatmapLegend';

interface HeatmapProps {
  /** The grid's accessible name, e.g. "Replication lag by region pair". */
  label: string;
  /** Any tone names work: each becomes a `tone-…` class styled in charts.css. */
  model: HeatmapModel<string>;
  legend: LegendEntry<string>[];
  /** What the colours measure, when the number in a cell measures something else. */
  legendCaption?: string;
}

/**
 * Source × target grid of region pairs (ARIA grid pattern): one gridcell per ordered pair,
 * each linking to its pair page; the diagonal is drawn but is not a cell. Only one cell is
 * in the tab order; arrow keys move between cells.
 */
export function Heatmap({ label, model, legend, legendCaption }: HeatmapProps) {
  const regionCount = model.regions.length;
  const gridRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [focusedCell, setFocusedCell] = useState<GridPosition>(() => firstCell(0));
  const active = isPairPosition(focusedCell, regionCount) ? focusedCell : firstCell(0);

  function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
    const next = nextGridPosition(active, event.key, regionCount, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    setFocusedCell(next);
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${next.row}-${next.column}"] a`)?.focus();
  }

  const style = { '--heatmap-regions': regionCount, '--heatmap-label-chars': longestLabel(model.regions) } as CSSProperties;
  return (
    <div className={`heatmap heatmap-${heatmapDensity(regionCount)}`} style={style}>
      <div className="heatmap-scroll">
        <div ref={gridRef} role="grid" aria-label={label} aria-rowcount={regionCount + 1} aria-colcount={regionCount + 1} className="heatmap-grid" onKeyDown={moveFocus}>
          <ColumnHeaderRow regions={model.regions} />
          {model.rows.map((row, rowIndex) => (
            <div key={row.sourceRegion} role="row" aria-rowindex={rowIndex + 2} className="heatmap-row">
              <div role="rowheader" aria-colindex={1} className="heatmap-row-header" title={row.sourceRegion}>
                {row.sourceRegion}
              </div>
              {row.cells.map((cell, columnIndex) =>
                cell ? (
                  <HeatmapGridCell
                    key={cell.targetRegion}
                    cell={cell}
                    position={{ row: rowIndex, column: columnIndex }}
                    regionCount={regionCount}
                    tabbable={active.row === rowIndex && active.column === columnIndex}
                    tooltipId={`${idPrefix}-${rowIndex}-${columnIndex}`}
                    onFocus={setFocusedCell}
                  />
                ) : (
                  <div key={`diagonal-${row.sourceRegion}`} className="heatmap-diagonal" aria-hidden="true" />
                ),
              )}
            </div>
          ))}
        </div>
      </div>
      <HeatmapLegend entries={legend} caption={legendCaption} />
    </div>
  );
}

function ColumnHeaderRow({ regions }: { regions: string[] }) {
  return (
    <div role="row" aria-rowindex={1} className="heatmap-row heatmap-header-row">
      <div role="columnheader" aria-colindex={1} className="heatmap-corner">
        <span aria-hidden="true">from ↓ to →</span>
        <span className="visually-hidden">Source region</span>
      </div>
      {regions.map((targetRegion, columnIndex) => (
        <div key={targetRegion} role="columnheader" aria-colindex={columnIndex + 2} className="heatmap-column-header" title={targetRegion}>
          <span>{targetRegion}</span>
        </div>
      ))}
    </div>
  );
}

interface HeatmapGridCellProps {
  cell: HeatmapCell<string>;
  position: GridPosition;
  regionCount: number;
  tabbable: boolean;
  tooltipId: string;
  onFocus: (position: GridPosition) => void;
}

function HeatmapGridCell({ cell, position, regionCount, tabbable, tooltipId, onFocus }: HeatmapGridCellProps) {
  // Flip the tooltip towards the grid's middle so it is not clipped by the scroll box.
  const vertical = position.row >= regionCount / 2 ? 'tip-above' : 'tip-below';
  const horizontal = position.column >= regionCount / 2 ? 'tip-end' : 'tip-start';
  return (
    <div role="gridcell" aria-label={cell.label} aria-colindex={position.column + 2} data-cell={`${position.row}-${position.column}`} className={`heatmap-cell tone-${cell.tone}`}>
      <Link
        href={cell.href}
        // Hundreds of cells in view would each prefetch their pair page.
        prefetch={false}
        tabIndex={tabbable ? 0 : -1}
        aria-label={cell.label}
        aria-describedby={tooltipId}
        className="heatmap-link"
        onFocus={() => onFocus(position)}
      >
        <span className="heatmap-value" aria-hidden="true">
          {cell.valueText}
        </span>
      </Link>
      <div id={tooltipId} role="tooltip" className={`heatmap-tip ${vertical} ${horizontal}`}>
        <p className="heatmap-tip-title">{pairTitle(cell.sourceRegion, cell.targetRegion)}</p>
        <dl>
          {cell.details.map(({ term, value }) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

/** Sizes the rotated column headers to the longest region name, capped so headers stay short. */
function longestLabel(regions: string[]): number {
  return Math.min(16, Math.max(2, ...regions.map((region) => region.length)));
}

function isPairPosition(position: GridPosition, regionCount: number): boolean {
  const { row, column } = position;
  return row < regionCount && column < regionCount && row !== column;
}
