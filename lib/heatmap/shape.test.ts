import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LagCell, LagMatrix, LagStatus } from '@/lib/api/types';
import { lagStatus } from '@/lib/domain/lag-status';
import { heatmapDensity, pairHref, shapeLagHeatmap, toneCounts, type HeatmapCell } from './shape';

const THRESHOLD_SECONDS = 1;

/** A cell as the API sends it: classified against the matrix threshold unless `status` says otherwise. */
function lagCell(source: string, target: string, lagSeconds: number | null, status: LagStatus = lagStatus(lagSeconds, THRESHOLD_SECONDS)): LagCell {
  return {
    source_region: source,
    target_region: target,
    lag_seconds: lagSeconds,
    error_bound_seconds: lagSeconds === null ? null : 0.004,
    status,
    backlog: lagSeconds === null ? null : 3,
  };
}

function matrixOf(regions: string[], cells: LagCell[]): LagMatrix {
  return { at: 1_700_000_000_000, threshold_seconds: THRESHOLD_SECONDS, regions, cells };
}

const pairCells = (model: ReturnType<typeof shapeLagHeatmap>): HeatmapCell[] => model.rows.flatMap((row) => row.cells.filter((cell): cell is HeatmapCell => cell !== null));

test('rows and columns follow the regions array, whatever order cells arrive in', () => {
  const model = shapeLagHeatmap(matrixOf(['us-east', 'eu-west', 'ap-south'], [lagCell('ap-south', 'us-east', 0.2), lagCell('us-east', 'eu-west', 0.082)]));
  assert.deepEqual(model.regions, ['us-east', 'eu-west', 'ap-south']);
  assert.deepEqual(
    model.rows.map((row) => row.sourceRegion),
    model.regions,
  );
  assert.equal(model.rows[0].cells[1]?.targetRegion, 'eu-west');
  assert.equal(model.rows[2].cells[0]?.valueText, '200 ms');
});

test('there is one cell per ordered pair and the diagonal is empty', () => {
  const regions = ['r1', 'r2', 'r3', 'r4'];
  const model = shapeLagHeatmap(matrixOf(regions, []));
  assert.equal(pairCells(model).length, 4 * 3);
  model.rows.forEach((row, index) => assert.equal(row.cells[index], null));
});

test('a pair the server has not reported is drawn as no data', () => {
  const model = shapeLagHeatmap(matrixOf(['us-east', 'eu-west'], [lagCell('us-east', 'eu-west', 0.082)]));
  const missing = model.rows[1].cells[0];
  assert.equal(missing?.label, 'eu-west → us-east: no data');
  assert.equal(missing?.tone, 'unknown');
  assert.equal(missing?.valueText, '—');
});

test('regions only named by cells are appended, not dropped', () => {
  const model = shapeLagHeatmap(matrixOf(['us-east'], [lagCell('us-east', 'eu-west', 0.1)]));
  assert.deepEqual(model.regions, ['us-east', 'eu-west']);
});

test('each cell has the accessible label, colour, tooltip and link of its pair', () => {
  const [cell] = pairCells(shapeLagHeatmap(matrixOf(['us-east', 'eu-west'], [lagCell('us-east', 'eu-west', 0.082)])));
  assert.equal(cell.label, 'us-east → eu-west: 82 ms');
  assert.equal(cell.tone, 'ok');
  assert.equal(cell.href, '/pairs/us-east/eu-west');
  assert.deepEqual(cell.details, [
    { term: 'Lag', value: '82 ms ± 4 ms' },
    { term: 'Backlog', value: '3 heartbeats' },
    { term: 'SLO threshold', value: '1.00 s' },
  ]);
});

test('cells are coloured by the status the API sent, not re-classified from the lag', () => {
  // The server's word stands even where the page would have classified the number otherwise.
  const cells = pairCells(shapeLagHeatmap(matrixOf(['a', 'b', 'c'], [lagCell('a', 'b', 0.6, 'warning'), lagCell('b', 'a', 0.1, 'breach'), lagCell('a', 'c', 2, 'unknown')])));
  assert.deepEqual(
    cells.map((cell) => [cell.sourceRegion, cell.targetRegion, cell.tone]),
    [
      ['a', 'b', 'warning'],
      ['a', 'c', 'unknown'],
      ['b', 'a', 'breach'],
      ['b', 'c', 'unknown'],
      ['c', 'a', 'unknown'],
      ['c', 'b', 'unknown'],
    ],
  );
});

test('pair links escape region names', () => {
  assert.equal(pairHref('us east', 'eu/west'), '/pairs/us%20east/eu%2Fwest');
});

test('density drops cell text as the grid grows', () => {
  assert.equal(heatmapDensity(2), 'roomy');
  assert.equal(heatmapDensity(8), 'compact');
  assert.equal(heatmapDensity(20), 'dense');
});

test('tone counts cover every pair once', () => {
  const model = shapeLagHeatmap(matrixOf(['a', 'b', 'c'], [lagCell('a', 'b', 0.1), lagCell('b', 'a', 2), lagCell('c', 'a', 0.7)]));
  assert.deepEqual(toneCounts(model), { ok: 1, warning: 1, breach: 1, unknown: 3 });
});
