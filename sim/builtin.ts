/**
 * The scenario `regionwatch demo` runs without --scenario: four regions on three
 * continents, realistic one-way delays, two skewed clocks, and a fault every half minute
 * or so for three minutes. The fault list repeats every BUILTIN_CYCLE_MS, so the demo runs forever.
 */
export const BUILTIN_SCENARIO = `
seed: 42
regions: [us-east, us-west, eu-west, ap-south]
replication:
  delay: 80ms
  jitter: 10ms
  pairs:
    "us-east->us-west": 35ms
    "us-west->us-east": 40ms
    "us-east->eu-west": 75ms
    "eu-west->us-east": 70ms
    "us-west->eu-west": 140ms
    "eu-west->us-west": 135ms
    "us-east->ap-south": 220ms
    "ap-south->us-east": 230ms
    "us-west->ap-south": 260ms
    "ap-south->us-west": 250ms
    "eu-west->ap-south": 150ms
    "ap-south->eu-west": 160ms
clock_offset: { ap-south: 300ms, eu-west: -120ms }
workload: { writes_per_second: 40, conflict_ratio: 0.05, entities: 2000 }
domains:
  - { name: billing, mode: active-passive, home: us-east }
  - { name: profiles, mode: active-active, home: us-east }
  - { name: social, mode: active-active, home: us-west }
  - { name: shop, mode: limited-writes, home: eu-west }
  - { name: sessions, mode: active-active, home: ap-south }
faults:
  # Within three minutes every panel has something real: a backlog that drains, a corruption
  # the divergence check finds, an outage with its failover and failback, a split brain, a
  # clock step and a partition.
  - { at: 20s, kind: replication_stall, from: us-west, to: eu-west, duration: 8s }
  - { at: 35s, kind: corrupt, region: eu-west, dataset: users, count: 3 }
  - { at: 50s, kind: region_outage, region: ap-south, duration: 25s }
  - { at: 100s, kind: split_brain, domain: billing, regions: [us-east, us-west], duration: 20s }
  - { at: 130s, kind: clock_step, region: us-west, offset: -400ms }
  - { at: 150s, kind: partition, regions: [eu-west, ap-south], duration: 10s }
  - { at: 240s, kind: clock_step, region: us-west, offset: 400ms }
collectors:
  divergence: { interval: 30s }
# Targets a team could hold this deployment to: its faults spend budget visibly, and the quiet
# twelve minutes of each cycle earn it back, so neither budget stays exhausted.
slos:
  - { name: lag-under-2s, objective: 98, window: 30d, sli: { kind: replication_lag, threshold: 2s } }
  - { name: available, objective: 98, window: 30d, sli: { kind: availability } }
`;

/** The faults come in the first three minutes of each cycle; the rest is quiet. */
export const BUILTIN_CYCLE_MS = 900_000;
