/**
 * The security headers every response carries, and the Content-Security-Policy of pages.
 * `bin/http.ts` sets the common ones (and a CSP that allows nothing, for API answers and
 * /metrics); `proxy.ts` gives each page a policy with a fresh nonce, which Next puts on the
 * scripts it renders.
 */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/** Sent over TLS only: browsers ignore it on plain HTTP, and it must not pin a plain-HTTP host. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * A page's policy: scripts only from this origin and with this response's nonce, styles from
 * this origin (the charts' and cells' `style` attributes allowed, which run no code), no
 * framing, no plugins, no other origins to connect to.
 */
export function pagePolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Set by the server (never taken from the client) on an unauthenticated `/api/health`, which then answers its status alone. */
export const ANONYMOUS_HEADER = 'x-regionwatch-anonymous';
