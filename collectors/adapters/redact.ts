/**
 * Removes credentials from a store URL or from any text that may embed one
 * (driver errors often echo the DSN). `postgres://rw:s3cret@db/app` → `postgres://rw:***@db/app`.
 */
export function redactSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]*@/gi, '$1:***@').replace(/([?&](?:password|pass|pwd|sslpassword|token)=)[^&\s]*/gi, '$1***');
}
