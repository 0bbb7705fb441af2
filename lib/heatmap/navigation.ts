/** A cell position in an n×n region grid; row is the source, column the target. */
export interface GridPosition {
  row: number;
  column: number;
}

const STEPS: Record<string, { row: number; column: number } | undefined> = {
  ArrowUp: { row: -1, column: 0 },
  ArrowDown: { row: 1, column: 0 },
  ArrowLeft: { row: 0, column: -1 },
  ArrowRight: { row: 0, column: 1 },
};

/**
 * Where focus goes after a key press in the heatmap (WAI-ARIA grid pattern): arrows move
 * one cell and hop over the diagonal, Home/End jump to the row's first/last cell,
 * Ctrl+Home/End to the grid's. Returns null for keys the grid does not handle, and the
 * current position when the move would leave the grid.
 */
export function nextGridPosition(current: GridPosition, key: string, regionCount: number, ctrlKey = false): GridPosition | null {
  const last = regionCount - 1;
  if (key === 'Home') return ctrlKey ? firstCell(0) : firstCell(current.row);
  if (key === 'End') return ctrlKey ? lastCell(last, last) : lastCell(current.row, last);
  const step = STEPS[key];
  if (!step) return null;
  let row = current.row + step.row;
  let column = current.column + step.column;
  if (row === column) {
    row += step.row;
    column += step.column;
  }
  const inside = row >= 0 && row <= last && column >= 0 && column <= last;
  return inside ? { row, column } : current;
}

/** The top-left cell that is not on the diagonal: the grid's initial focus. */
export function firstCell(row: number): GridPosition {
  return { row, column: row === 0 ? 1 : 0 };
}

function lastCell(row: number, last: number): GridPosition {
  return { row, column: row === last ? last - 1 : last };
}
