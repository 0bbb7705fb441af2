import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import bcrypt from 'bcryptjs';
import { createClientCertificate, createServerCertificates, type TlsFiles } from './harness/certs';
import { startDemo, type RunningDemo } from './harness/demo';
import { request } from './harness/https';

// Two throwaway CAs: `trusted` signs the servers' and the client's certificates, `other` an intruder's.
const PASSWORD = 'tls-ops-pass-3e8a';
let dir: string;
let trusted: TlsFiles;
let other: TlsFiles;
let client: { cert: Buffer; key: Buffer };
let intruder: { cert: Buffer; key: Buffer };
/** `server.tls`, no client certificates. */
let plain: RunningDemo;
/** `server.web_config_file`: client certificates required and verified, basic auth, an extra header. */
let strict: RunningDemo;

const read = (files: { certFile: string; keyFile: string }) => ({ cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rw-tls-'));
  const [trustedDir, otherDir] = ['trusted', 'other'].map((name) => mkdtempSync(join(dir, `${name}-`)));
  [trusted, other] = await Promise.all([createServerCertificates(trustedDir), createServerCertificates(otherDir)]);
  client = read(await createClientCertificate(trustedDir, 'client'));
  intruder = read(await createClientCertificate(otherDir, 'intruder'));
  const hash = bcrypt.hashSync(PASSWORD, 4);
  // The exporter-toolkit file, with paths relative to itself as Prometheus exporters read them.
  writeFileSync(
    join(trustedDir, 'web.yml'),
    `tls_server_config:\n  cert_file: server.pem\n  key_file: server-key.pem\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.pem\nbasic_auth_users:\n  ops: "${hash}"\nhttp_server_config:\n  headers:\n    X-Served-By: regionwatch-under-test\n`,
  );
  const scenario = (server: string) => `regions: [a, b]\nworkload: { writes_per_second: 0 }\nserver: ${server}\n`;
  const ca = readFileSync(trusted.caFile);
  [plain, strict] = await Promise.all([
    startDemo(scenario(`{ tls: { cert_file: "${trusted.certFile}", key_file: "${trusted.keyFile}" } }`), { tls: { ca } }),
    startDemo(scenario(`{ web_config_file: "${join(trustedDir, 'web.yml')}" }`), { tls: { ca, ...client } }),
  ]);
});

after(async () => {
  await Promise.all([plain?.stop(), strict?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const basic = { authorization: `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}` };

test('server.tls serves HTTPS: the handshake with the right CA, HSTS on every answer', async () => {
  assert.match(plain.url, /^https:\/\//);
  const answer = await request(`${plain.url}/api/lag/matrix`, { ca: readFileSync(trusted.caFile) });
  assert.equal(answer.status, 200);
  assert.match(String(answer.headers['strict-transport-security']), /max-age=\d+/);
  const page = await request(`${plain.url}/`, { ca: readFileSync(trusted.caFile) });
  assert.equal(page.status, 200);
  assert.ok(page.headers['strict-transport-security'], 'pages too');
});

test('a client that trusts another CA refuses the server', async () => {
  await assert.rejects(request(`${plain.url}/api/health`, { ca: readFileSync(other.caFile) }), (error: NodeJS.ErrnoException) =>
    /certificate|self.signed|verify/i.test(`${error.code} ${error.message}`),
  );
  await assert.rejects(request(`${plain.url}/api/health`), 'nor does one with the system CAs only');
});

test('web_config_file: RequireAndVerifyClientCert refuses clients without a certificate the CA signed', async () => {
  const ca = readFileSync(trusted.caFile);
  await assert.rejects(request(`${strict.url}/api/health`, { ca }), 'no client certificate: no handshake');
  await assert.rejects(request(`${strict.url}/api/health`, { ca, ...intruder }), 'a certificate from another CA: no handshake');
  const anonymous = await request(`${strict.url}/api/lag/matrix`, { ca, ...client });
  assert.equal(anonymous.status, 401, 'a certificate alone does not replace basic_auth_users');
  const answer = await request(`${strict.url}/api/lag/matrix`, { ca, ...client, headers: basic });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['x-served-by'], 'regionwatch-under-test', 'http_server_config.headers are sent');
  assert.ok(answer.headers['strict-transport-security']);
});

test('no password or key appears in the output', () => {
  const key = readFileSync(trusted.keyFile, 'utf8').split('\n')[1];
  for (const output of [plain.output(), strict.output()]) {
    assert.ok(!output.includes(PASSWORD) && !output.includes(key), 'a secret in the output');
  }
});
