import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteAdapter } from './adapters/sqlite';
import { ConflictCollector } from './conflicts';
import { ConflictStore } from '@/lib/store/conflicts';
import { openEmbeddedDb } from '@/lib/store/db';
import { conflictLogDdl } from '@/sim/entities/store';

const noReport = { report: () => {} };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'rw-conflicts-'));
  const regionDb = new Database(join(dir, 'eu-west.db'));
  regionDb.exec(conflictLogDdl('regionwatch_conflicts'));
  const insert = regionDb.prepare(
    `INSERT INTO regionwatch_conflicts (detected_at, entity_type, entity_key, local_region, remote_region, local_version, remote_version,
      local_ts, remote_ts, resolution, winner, merged, resolved_at) VALUES (?, 'session', ?, 'eu-west', 'us-east', '{"d":1}', '{"d":2}', 1, 2, ?, ?, NULL, ?)`,
  );
  const open = () => {
    const store = new SqliteAdapter(join(dir, 'eu-west.db'), { region: 'eu-west', timeoutMs: 1000, heartbeatTable: 'hb' });
    const conflicts = new ConflictStore(openEmbeddedDb(join(dir, 'history.db')));
    const logs: string[] = [];
    const collector = new ConflictCollector([store], conflicts, { intervalMs: 100, timeoutMs: 1000, log: (line) => logs.push(line) });
    return { collector, conflicts, logs, close: () => conflicts.db.close() };
  };
  return { dir, regionDb, insert, open, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const total = (conflicts: ConflictStore) => conflicts.counts().reduce((sum, row) => sum + row.count, 0);

test('rows are counted once, across restarts of the collector', async () => {
  const { insert, open, cleanup } = setup();
  try {
    for (let index = 0; index < 3; index++) insert.run(1000 + index, `k${index}`, 'lww', 'us-east', 1000 + index);
    const first = open();
    await first.collector.runCycle(noReport);
    await first.collector.runCycle(noReport);
    assert.equal(total(first.conflicts), 3);
    first.close();

    insert.run(2000, 'k9', 'lww', 'eu-west', 2000);
    const restarted = open();
    await restarted.collector.runCycle(noReport);
    assert.equal(total(restarted.conflicts), 4, 'only the new row is added after a restart');
    restarted.close();
  } finally {
    cleanup();
  }
});

test('pending rows are re-read until resolved, then leave the pending count', async () => {
  const { regionDb, insert, open, cleanup } = setup();
  try {
    insert.run(1000, 'b1', 'manual', null, null);
    const { collector, conflicts, close } = open();
    await collector.runCycle(noReport);
    assert.deepEqual(conflicts.pendingByRegion(), { 'eu-west': 1 });
    regionDb.prepare(`UPDATE regionwatch_conflicts SET resolved_at = 6000, winner = 'us-east', merged = '{"d":3}'`).run();
    await collector.runCycle(noReport);
    assert.deepEqual(conflicts.pendingByRegion(), {});
    close();
  } finally {
    cleanup();
  }
});

test('a malformed row is skipped with an error naming the field; the rest are kept', async () => {
  const { regionDb, insert, open, cleanup } = setup();
  try {
    insert.run(1000, 'ok1', 'lww', 'us-east', 1000);
    regionDb
      .prepare(`INSERT INTO regionwatch_conflicts (detected_at, entity_type, entity_key, local_region, remote_region, local_version, remote_version, resolution)
      VALUES (1001, 'session', 'bad', 'eu-west', 'us-east', 'not json', '{}', 'coinflip')`)
      .run();
    insert.run(1002, 'ok2', 'lww', 'us-east', 1002);
    const { collector, conflicts, logs, close } = open();
    await collector.runCycle(noReport);
    assert.equal(total(conflicts), 2);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /eu-west: skipped row id=2: local_version: is not valid JSON; resolution: /);
    close();
  } finally {
    cleanup();
  }
});

test("a configured query maps another system's conflict table onto our columns", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-conflicts-'));
  try {
    const db = new Database(join(dir, 'bdr.db'));
    db.exec(`CREATE TABLE conflict_history (conflict_id INTEGER PRIMARY KEY, local_time REAL, relname TEXT, key_text TEXT,
      origin_node TEXT, local_tuple TEXT, remote_tuple TEXT, conflict_resolution TEXT)`);
    db.prepare(`INSERT INTO conflict_history VALUES (7, 5000, 'accounts', '42', 'us-east', '{"v":1}', '{"v":2}', 'last_update_wins')`).run();
    const query = `SELECT conflict_id AS id, local_time AS detected_at, relname AS entity_type, key_text AS entity_key,
      'eu-west' AS local_region, origin_node AS remote_region, local_tuple AS local_version, remote_tuple AS remote_version,
      CASE conflict_resolution WHEN 'last_update_wins' THEN 'lww' ELSE 'manual' END AS resolution, origin_node AS winner,
      local_time AS resolved_at FROM conflict_history WHERE conflict_id > :after_id ORDER BY conflict_id LIMIT :limit`;
    const store = new SqliteAdapter(join(dir, 'bdr.db'), { region: 'eu-west', timeoutMs: 1000, heartbeatTable: 'hb', conflicts: { table: 'unused', query } });
    const conflicts = new ConflictStore(openEmbeddedDb(':memory:'));
    await new ConflictCollector([store], conflicts, { intervalMs: 100, timeoutMs: 1000 }).runCycle(noReport);
    assert.deepEqual(conflicts.counts(), [{ source_region: 'us-east', target_region: 'eu-west', entity_type: 'accounts', resolution: 'lww', count: 1 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
