import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChecksumClient } from './client';
import { checkPair } from './check';
import { seededRandom } from '@/sim/random';

const dir = mkdtempSync(join(tmpdir(), 'rw-divergence-'));
const clients: ChecksumClient[] = [];
after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  rmSync(dir, { recursive: true, force: true });
});

const DATASET = { name: 'users', table: 'users', key: ['id'], columns: ['email', 'plan', 'note'] };

/** Two copies of a table; `mutate` then changes copy b. Returns the clients. */
function tables(name: string, rows: number, random: () => number, mutate: (db: Database.Database) => void, ddl = 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, plan TEXT, note TEXT)') {
  const paths = ['a', 'b'].map((side) => join(dir, `${name}-${side}.db`));
  for (const path of paths) {
    const db = new Database(path);
    db.exec(ddl);
    const insert = db.prepare('INSERT INTO users (id, email, plan, note) VALUES (?, ?, ?, ?)');
    const seeded = seededRandom(7);
    db.transaction(() => {
      for (let id = 1; id <= rows; id++) {
        // Many rows share identical values: duplicates must not cancel out.
        insert.run(id, `user${id % 50}@example.com`, ['free', 'team'][Math.floor(seeded() * 2)], seeded() < 0.2 ? null : '');
      }
    })();
    if (path.endsWith('-b.db')) mutate(db);
    db.close();
  }
  void random;
  const [a, b] = paths.map((path, index) => new ChecksumClient(['a', 'b'][index], path, 60_000));
  clients.push(a, b);
  return { a, b };
}

test('random differences of every kind are found exactly; identical data gives nothing', async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const random = seededRandom(seed);
    const rows = 200 + Math.floor(random() * 5000);
    const k = seed % 4 === 0 ? 0 : 1 + Math.floor(random() * 12);
    const expected = new Map<string, string>();
    const { a, b } = tables(`p${seed}`, rows, random, (db) => {
      for (let change = 0; change < k; change++) {
        const id = 1 + Math.floor(random() * rows);
        if (expected.has(String(id))) continue;
        const kind = Math.floor(random() * 5);
        if (kind === 0) db.prepare("UPDATE users SET plan = 'enterprise' WHERE id = ?").run(id);
        else if (kind === 1) db.prepare('DELETE FROM users WHERE id = ?').run(id);
        else if (kind === 2) db.prepare("UPDATE users SET note = CASE WHEN note IS NULL THEN '' ELSE NULL END WHERE id = ?").run(id);
        else if (kind === 3) db.prepare("UPDATE users SET email = email || ' ' WHERE id = ?").run(id);
        else db.prepare("INSERT INTO users (id, email, plan, note) VALUES (?, 'new@example.com', 'free', NULL)").run(rows + 1 + change);
        const key = kind === 4 ? String(rows + 1 + change) : String(id);
        expected.set(key, kind === 1 ? 'missing_in_b' : kind === 4 ? 'missing_in_a' : 'differs');
      }
    });
    const { entities, stats } = await checkPair(a, b, DATASET, { fanout: 16, leafSize: 8, maxBits: 12 });
    assert.deepEqual(
      Object.fromEntries(entities.map((entity) => [entity.key, entity.kind])),
      Object.fromEntries([...expected].sort((x, y) => Number(x[0]) - Number(y[0]))),
      `seed ${seed}, ${rows} rows, k=${k}`,
    );
    if (expected.size === 0) assert.equal(stats.roundTrips, 1, 'identical data: one round trip');
  }
});

test('rows carry both sides; NULL and empty string are different values', async () => {
  const { a, b } = tables('nulls', 300, seededRandom(1), (db) => db.prepare("UPDATE users SET note = 'x' WHERE id = 17").run());
  const { entities } = await checkPair(a, b, DATASET, { fanout: 16, leafSize: 8, maxBits: 8 });
  assert.equal(entities.length, 1);
  assert.equal(entities[0].key, '17');
  assert.equal(entities[0].b?.row.note, 'x');
  assert.notEqual(entities[0].a?.hash, entities[0].b?.hash);
});

test('column order and integer vs real storage do not count as differences', async () => {
  const pathA = join(dir, 'order-a.db');
  const pathB = join(dir, 'order-b.db');
  const dbA = new Database(pathA);
  dbA.exec('CREATE TABLE m (id INTEGER PRIMARY KEY, score REAL, label TEXT)');
  dbA.prepare('INSERT INTO m VALUES (1, 5, ?), (2, 2.5, ?)').run('x', 'y');
  dbA.close();
  const dbB = new Database(pathB);
  dbB.exec('CREATE TABLE m (label TEXT, id INTEGER PRIMARY KEY, score NUMERIC)');
  dbB.prepare('INSERT INTO m (label, id, score) VALUES (?, 1, 5.0), (?, 2, 2.5)').run('x', 'y');
  dbB.close();
  const a = new ChecksumClient('a', pathA, 10_000);
  const b = new ChecksumClient('b', pathB, 10_000);
  clients.push(a, b);
  const { entities } = await checkPair(a, b, { name: 'm', table: 'm', key: ['id'], columns: ['score', 'label'] }, { fanout: 4, leafSize: 1, maxBits: 4 });
  assert.deepEqual(entities, []);
});

test('bad datasets fail before any scan with a clear error', async () => {
  const { a } = tables('bad', 10, seededRandom(1), () => {}, 'CREATE TABLE users (id INTEGER, email TEXT, plan TEXT, note TEXT)');
  assert.deepEqual(await a.validate({ ...DATASET, table: 'nope' }), ['table "nope" does not exist']);
  assert.deepEqual(await a.validate({ ...DATASET, columns: ['email', 'colour'] }), ['column "colour" does not exist in table "users"']);
  assert.match((await a.validate(DATASET))[0], /key \(id\) is not unique in "users"/);
  assert.equal(a.traffic.requests, 3);
});
