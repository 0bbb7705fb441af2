import type { Resolution } from '@/lib/api/types';

/** One stored version of an entity. */
export interface Version {
  value: Record<string, unknown>;
  /** The writing region's clock when it wrote this version (epoch ms). */
  ts: number;
  /** The region that wrote it. */
  origin: string;
}

/** Who is writing, when (the region's clock), and a write id unique in the deployment. */
export interface WriteContext {
  region: string;
  now: number;
  id: string;
  random: () => number;
}

export interface Resolved {
  value: Record<string, unknown>;
  /** Region whose version won, `merged` when both contributed, null while pending. */
  winner: string | null;
  pending: boolean;
}

/**
 * A demo entity type: its domain, how writes change it and how concurrent versions are
 * resolved. Every automatic `resolve` is a join (commutative, associative, idempotent), so
 * regions that saw the same writes in any order hold the same value.
 */
export interface EntityType {
  name: string;
  domain: string;
  resolution: Resolution;
  policy: string;
  initial(key: string): Record<string, unknown>;
  mutate(value: Record<string, unknown>, write: WriteContext): Record<string, unknown>;
  resolve(local: Version, remote: Version): Resolved;
}

type Counts = Record<string, number>;
const sum = (counts: Counts) => Object.values(counts).reduce((total, count) => total + count, 0);
const maxPerKey = (a: Counts, b: Counts): Counts => {
  const merged: Counts = { ...a };
  for (const [key, count] of Object.entries(b)) merged[key] = Math.max(merged[key] ?? 0, count);
  return merged;
};

/** Newer timestamp wins; the greater region name breaks ties, so every region picks the same. */
export function newer(a: Version, b: Version): Version {
  if (a.ts !== b.ts) return a.ts > b.ts ? a : b;
  return a.origin > b.origin ? a : b;
}

const PLANS = ['free', 'team', 'business', 'enterprise'];
const DEVICES = ['ios', 'android', 'web', 'desktop'];
const pick = <T>(items: T[], random: () => number) => items[Math.floor(random() * items.length)];

export const profile: EntityType = {
  name: 'profile',
  domain: 'profiles',
  resolution: 'merge',
  policy: 'Domain merge rule: field by field, the newest write of each field wins (region name breaks ties).',
  initial: (key) => ({ name: `User ${key}`, locale: 'en', plan: 'free', field_ts: { name: 0, locale: 0, plan: 0 }, field_origin: { name: '', locale: '', plan: '' } }),
  mutate(value, { region, random, now }) {
    const field = pick(['name', 'locale', 'plan'], random);
    const next = field === 'name' ? `User ${Math.floor(random() * 1e4)}` : field === 'locale' ? pick(['en', 'de', 'fr', 'ja', 'hi'], random) : pick(PLANS, random);
    return {
      ...value,
      [field]: next,
      field_ts: { ...(value.field_ts as Counts), [field]: now },
      field_origin: { ...(value.field_origin as Record<string, string>), [field]: region },
    };
  },
  resolve(local, remote) {
    const merged: Record<string, unknown> = {};
    const fieldTs: Counts = {};
    const fieldOrigin: Record<string, string> = {};
    const localTs = local.value.field_ts as Counts;
    const remoteTs = remote.value.field_ts as Counts;
    const localOrigin = local.value.field_origin as Record<string, string>;
    const remoteOrigin = remote.value.field_origin as Record<string, string>;
    for (const field of ['name', 'locale', 'plan']) {
      const a = { ts: localTs[field] ?? 0, origin: localOrigin[field] ?? '' };
      const b = { ts: remoteTs[field] ?? 0, origin: remoteOrigin[field] ?? '' };
      const useRemote = b.ts !== a.ts ? b.ts > a.ts : b.origin > a.origin;
      const from = useRemote ? remote : local;
      merged[field] = from.value[field];
      fieldTs[field] = useRemote ? b.ts : a.ts;
      fieldOrigin[field] = useRemote ? b.origin : a.origin;
    }
    return { value: { ...merged, field_ts: fieldTs, field_origin: fieldOrigin }, winner: 'merged', pending: false };
  },
};

export const likes: EntityType = {
  name: 'likes',
  domain: 'social',
  resolution: 'crdt',
  policy: 'CRDT PN-counter: per-region increment and decrement totals merge by maximum; the count is their difference.',
  initial: () => ({ p: {}, n: {} }),
  mutate(value, { region, random }) {
    const side = random() < 0.8 ? 'p' : 'n';
    const counts = value[side] as Counts;
    return { ...value, [side]: { ...counts, [region]: (counts[region] ?? 0) + 1 } };
  },
  resolve(local, remote) {
    const value = { p: maxPerKey(local.value.p as Counts, remote.value.p as Counts), n: maxPerKey(local.value.n as Counts, remote.value.n as Counts) };
    return { value, winner: 'merged', pending: false };
  },
};

export const likeCount = (value: Record<string, unknown>) => sum(value.p as Counts) - sum(value.n as Counts);

type OrSet = { adds: Record<string, string[]>; removes: string[] };

export const cart: EntityType = {
  name: 'cart',
  domain: 'shop',
  resolution: 'crdt',
  policy: 'CRDT OR-set: an item is in the cart while it has an add tag that no remove has observed; adds and removes merge by union.',
  initial: () => ({ adds: {}, removes: [] }),
  mutate(value, { region, random, id }) {
    const set = value as unknown as OrSet;
    const present = orSetItems(set);
    if (present.length > 0 && random() < 0.35) {
      const item = pick(present, random);
      return { adds: set.adds, removes: [...new Set([...set.removes, ...set.adds[item]])].sort() };
    }
    const item = `sku-${1 + Math.floor(random() * 20)}`;
    return { adds: { ...set.adds, [item]: [...(set.adds[item] ?? []), `${region}:${id}`].sort() }, removes: set.removes };
  },
  resolve(local, remote) {
    const a = local.value as unknown as OrSet;
    const b = remote.value as unknown as OrSet;
    const adds: Record<string, string[]> = {};
    for (const item of new Set([...Object.keys(a.adds), ...Object.keys(b.adds)])) {
      adds[item] = [...new Set([...(a.adds[item] ?? []), ...(b.adds[item] ?? [])])].sort();
    }
    return { value: { adds, removes: [...new Set([...a.removes, ...b.removes])].sort() }, winner: 'merged', pending: false };
  },
};

/** Items with at least one add tag not covered by a remove. */
export function orSetItems(set: { adds: Record<string, string[]>; removes: string[] }): string[] {
  const removed = new Set(set.removes);
  return Object.keys(set.adds)
    .filter((item) => set.adds[item].some((tag) => !removed.has(tag)))
    .sort();
}

export const balance: EntityType = {
  name: 'balance',
  domain: 'billing',
  resolution: 'manual',
  policy: 'Manual reconciliation: both versions are kept in the queue until an operator decides; the local version stays visible meanwhile.',
  initial: () => ({ amount_cents: 10_000 }),
  mutate: (value, { random }) => ({ amount_cents: (value.amount_cents as number) + Math.round((random() - 0.6) * 5000) }),
  resolve: (local) => ({ value: local.value, winner: null, pending: true }),
};

export const session: EntityType = {
  name: 'session',
  domain: 'sessions',
  resolution: 'lww',
  policy: 'Last write wins by timestamp; the greater region name breaks ties.',
  initial: (key) => ({ user: `u${key}`, device: 'web', seen: 0 }),
  mutate: (value, { random }) => ({ ...value, device: pick(DEVICES, random), seen: (value.seen as number) + 1 }),
  resolve(local, remote) {
    const winner = newer(local, remote);
    return { value: winner.value, winner: winner.origin, pending: false };
  },
};

export const ENTITY_TYPES: EntityType[] = [profile, likes, cart, balance, session];

export function entityType(name: string): EntityType | undefined {
  return ENTITY_TYPES.find((type) => type.name === name);
}

/** Policy text for a resolution when the entity type is not one of the demo's. */
export const RESOLUTION_POLICIES: Record<Resolution, string> = {
  lww: 'Last write wins by timestamp.',
  crdt: 'CRDT merge: both versions are combined; no write is lost.',
  merge: 'Domain merge rule defined by the application.',
  manual: 'Manual reconciliation queue.',
};
