import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** What a request presented, as the server reads it from its headers. */
export interface Presented {
  authorization?: string;
  cookie?: string;
}

export type AuthOutcome = { ok: true; user: string } | { ok: false; presented: boolean };

export const TOKEN_COOKIE = 'regionwatch_token';

/** A bcrypt hash of nothing anyone knows: unknown users are checked against it, so they take as long as known ones. */
const DECOY_HASH = '$2b$10$D02JcWojfq9z2mQxGTJzpOXe8A5l6IHUoWICB6HOKAQ.ZmFijLBau';
/** A correct password is remembered (as a hash) this long, so a page's many requests do not each pay for bcrypt. */
const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_VERIFIED = 1000;

/**
 * The credentials a server accepts: a bearer token (header or the cookie a browser keeps) and
 * basic-auth users with bcrypt-hashed passwords. Every comparison takes the same time whatever
 * the input, and an unknown user costs as much as a known one.
 */
export class Authenticator {
  private readonly verified = new Map<string, number>();

  constructor(private readonly credentials: { token?: string; basicUsers?: Readonly<Record<string, string>> }) {}

  /** Basic first: a browser answers the first challenge it can, and it can answer only that one. */
  get schemes(): ('Bearer' | 'Basic')[] {
    return [...(this.credentials.basicUsers ? (['Basic'] as const) : []), ...(this.credentials.token ? (['Bearer'] as const) : [])];
  }

  /** The token a browser may hand over once in `?token=` (moved into a cookie), when it is the right one. */
  acceptsTokenParameter(value: string | null): boolean {
    return value !== null && this.credentials.token !== undefined && sameSecret(value, this.credentials.token);
  }

  async check(presented: Presented): Promise<AuthOutcome> {
    const { token, basicUsers } = this.credentials;
    const header = presented.authorization ?? '';
    const cookie = readCookie(presented.cookie, TOKEN_COOKIE);
    if (token && header.startsWith('Bearer ')) return sameSecret(header.slice(7), token) ? { ok: true, user: 'token' } : { ok: false, presented: true };
    if (token && cookie !== null && sameSecret(cookie, token)) return { ok: true, user: 'token' };
    if (basicUsers && header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { ok: false, presented: true };
      const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
      return (await this.verifyBasic(user, password)) ? { ok: true, user } : { ok: false, presented: true };
    }
    return { ok: false, presented: header !== '' || cookie !== null };
  }

  private async verifyBasic(user: string, password: string): Promise<boolean> {
    const key = createHash('sha256').update(`${user}\0${password}`).digest('base64');
    const until = this.verified.get(key);
    if (until !== undefined && until > Date.now()) return true;
    const hash = Object.hasOwn(this.credentials.basicUsers ?? {}, user) ? this.credentials.basicUsers![user] : undefined;
    const matches = await bcrypt.compare(password, hash ?? DECOY_HASH);
    if (!matches || hash === undefined) return false;
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(key, Date.now() + VERIFIED_TTL_MS);
    return true;
  }
}

export function sameSecret(given: string, expected: string): boolean {
  // Hashing first makes the comparison the same length, so not even the secret's length leaks.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | null {
  const part = (header ?? '').split(/;\s*/).find((candidate) => candidate.startsWith(`${name}=`));
  if (part === undefined) return null;
  try {
    return decodeURIComponent(part.slice(name.length + 1));
  } catch {
    // Malformed, so it matches no token: still a credential that was presented.
    return '';
  }
}

/**
 * Slows brute force: a client (by address) that fails to authenticate `max` times within a
 * minute is refused until that minute is over.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until the client may try again, or 0. */
  blockedFor(client: string, now = Date.now()): number {
    const entry = this.failures.get(client);
    if (!entry || now - entry.windowStart >= this.windowMs) return 0;
    return entry.count >= this.max ? entry.windowStart + this.windowMs - now : 0;
  }

  fail(client: string, now = Date.now()): void {
    const entry = this.failures.get(client);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      if (this.failures.size > 10_000) this.prune(now);
      this.failures.set(client, { count: 1, windowStart: now });
    } else entry.count++;
  }

  private prune(now: number): void {
    for (const [client, entry] of this.failures) if (now - entry.windowStart >= this.windowMs) this.failures.delete(client);
  }
}

/**
 * A token bucket per client: `perSecond` requests a second on average, bursts up to twice
 * that. Ingest and query APIs pass through it; pages and static assets do not.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perSecond: number) {}

  /** Takes one request's token; returns the milliseconds to wait when there is none. */
  take(client: string, now = Date.now()): number {
    const capacity = this.perSecond * 2;
    const bucket = this.buckets.get(client) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    if (this.buckets.size > 10_000 && !this.buckets.has(client)) this.buckets.clear();
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
  }
}
