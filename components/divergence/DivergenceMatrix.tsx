'use client';

import Link from 'next/link';
import { useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { HeatmapLegend } from '@/components/charts/HeatmapLegend';
import { nextMatrixPosition, type DivergenceGrid, type MatrixPosition } from '@/lib/divergence/grid';
import type { DivergenceCell } from '@/lib/divergence/matrix';
import { divergenceLegend } from '@/lib/divergence/verdict';

/** The grid's accessible name; tests and screen readers look it up by it. */
export const DIVERGENCE_MATRIX_LABEL = 'Divergence by dataset and region pair';

/**
 * Datasets × unordered region pairs (ARIA grid pattern), drawn with the heatmap's cells
 * and tooltips: one gridcell per dataset and pair, each linking to its drill-down. Only
 * one cell is in the tab order; arrow keys move between cells.
 */
export function DivergenceMatrix({ grid }: { grid: DivergenceGrid }) {
  const gridRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [focusedCell, setFocusedCell] = useState<MatrixPosition>({ row: 0, column: 0 });
  const rowCount = grid.rows.length;
  const columnCount = grid.columns.length;
  const active = focusedCell.row < rowCount && focusedCell.column < columnCount ? focusedCell : { row: 0, column: 0 };

  function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
    const next = nextMatrixPosition(active, event.key, rowCount, columnCount, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    setFocusedCell(next);
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${next.row}-${next.column}"] a`)?.focus();
  }

  const style = {
    '--heatmap-regions': columnCount,
    '--heatmap-label-chars': Math.min(40, Math.max(4, ...grid.rows.map((row) => row.header.length))),
  } as CSSProperties;
  return (
    <div className={`heatmap divergence-matrix divergence-${grid.orientation} divergence-${grid.density}`} style={style}>
      <div className="heatmap-scroll divergence-scroll">
        <div ref={gridRef} role="grid" aria-label={DIVERGENCE_MATRIX_LABEL} aria-rowcount={rowCount + 1} aria-colcount={columnCount + 1} className="heatmap-grid" onKeyDown={moveFocus}>
          <div role="row" aria-rowindex={1} className="heatmap-row heatmap-header-row divergence-header-row">
            <div role="columnheader" aria-colindex={1} className="heatmap-corner">
              <span aria-hidden="true">
                {grid.corner.rows} ↓ {grid.corner.columns} →
              </span>
              <span className="visually-hidden">{grid.corner.rows === 'dataset' ? 'Dataset' : 'Region pair'}</span>
            </div>
            {grid.columns.map((column, columnIndex) => (
              <div key={column.key} role="columnheader" aria-colindex={columnIndex + 2} className="heatmap-column-header" title={column.title}>
                {column.lines.map((line) => (
                  <span key={line}>{line}</span>
                ))}
              </div>
            ))}
          </div>
          {grid.rows.map((row, rowIndex) => (
            <div key={row.key} role="row" aria-rowindex={rowIndex + 2} className="heatmap-row">
              <div role="rowheader" aria-colindex={1} className="heatmap-row-header" title={row.header}>
                {row.header}
              </div>
              {row.cells.map((cell, columnIndex) => (
                <MatrixCell
                  key={`${cell.dataset}|${cell.pair.title}`}
                  cell={cell}
                  position={{ row: rowIndex, column: columnIndex }}
                  tipAbove={rowIndex >= Math.max(2, rowCount / 2)}
                  tipEnd={columnIndex >= columnCount / 2 && columnCount > 1}
                  tabbable={active.row === rowIndex && active.column === columnIndex}
                  tooltipId={`${idPrefix}-${rowIndex}-${columnIndex}`}
                  onFocus={setFocusedCell}
                />
              ))}
            </div>
          ))}
        </div>
      </div>
      <HeatmapLegend entries={divergenceLegend()} />
    </div>
  );
}

interface MatrixCellProps {
  cell: DivergenceCell;
  position: MatrixPosition;
  tipAbove: boolean;
  tipEnd: boolean;
  tabbable: boolean;
  tooltipId: string;
  onFocus: (position: MatrixPosition) => void;
}

function MatrixCell({ cell, position, tipAbove, tipEnd, tabbable, tooltipId, onFocus }: MatrixCellProps) {
  return (
    <div
      role="gridcell"
      aria-label={cell.label}
      aria-colindex={position.column + 2}
      data-cell={`${position.row}-${position.column}`}
      data-state={cell.state}
      data-current={cell.current}
      className={`heatmap-cell tone-${cell.tone}${!cell.current && cell.state !== 'failed' ? ' verdict-past' : ''}`}
    >
      <Link href={cell.href} prefetch={false} tabIndex={tabbable ? 0 : -1} aria-label={cell.label} aria-describedby={tooltipId} className="heatmap-link" onFocus={() => onFocus(position)}>
        <span className="heatmap-value" aria-hidden="true">
          {cell.valueText}
        </span>
        {cell.state === 'failed' ? (
          <span className="check-failed-marker" aria-hidden="true">
            !
          </span>
        ) : null}
      </Link>
      <div id={tooltipId} role="tooltip" className={`heatmap-tip ${tipAbove ? 'tip-above' : 'tip-below'} ${tipEnd ? 'tip-end' : 'tip-start'}`}>
        <p className="heatmap-tip-title">
          {cell.dataset}: {cell.pair.title}
        </p>
        <p className={`heatmap-tip-status verdict-text-${cell.tone}`}>{cell.summary}</p>
        <dl>
          {cell.details.map(({ term, value }) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {cell.error ? <p className="tip-error">{cell.error}</p> : null}
      </div>
    </div>
  );
}
