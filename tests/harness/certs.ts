import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary } from './binaries';
import { run } from './processes';

export interface TlsFiles {
  /** The throwaway CA's certificate: what a client verifies the server against. */
  caFile: string;
  /** The server's certificate, for 127.0.0.1 and localhost, signed by the CA. */
  certFile: string;
  /** The server's private key, mode 0600, owned by `owner` when given. */
  keyFile: string;
}

// Server certificate extensions: the names clients check (verify-full, VERIFY_IDENTITY) are the
// SANs; the CN is ignored by both drivers when SANs are present.
const SERVER_EXTENSIONS = `subjectAltName = IP:127.0.0.1, DNS:localhost
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
`;

/**
 * Creates a throwaway CA and a server certificate it signed into `dir` (ca.pem, server.pem,
 * server-key.pem) with the openssl CLI. The CA's name is unique, so two calls give CAs that
 * trust nothing of each other's. `owner` gets `dir` and the key: servers run as their own OS
 * user when we are root, and PostgreSQL refuses a key that others can read.
 */
export async function createServerCertificates(dir: string, owner?: { uid: number; gid: number }): Promise<TlsFiles> {
  const openssl = requireBinary('openssl', 'openssl');
  const files = { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server-key.pem') };
  const caKey = join(dir, 'ca-key.pem');
  const request = join(dir, 'server.csr');
  const extensions = join(dir, 'server.ext');
  writeFileSync(extensions, SERVER_EXTENSIONS);
  const days = ['-days', '2'];
  const rsa = ['-newkey', 'rsa:2048', '-nodes'];
  await run(
    openssl,
    [
      'req',
      '-x509',
      ...rsa,
      ...days,
      '-keyout',
      caKey,
      '-out',
      files.caFile,
      '-subj',
      `/CN=regionwatch throwaway CA ${randomBytes(4).toString('hex')}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    { cwd: dir },
  );
  await run(openssl, ['req', ...rsa, '-keyout', files.keyFile, '-out', request, '-subj', '/CN=localhost'], { cwd: dir });
  await run(
    openssl,
    ['x509', '-req', '-in', request, '-CA', files.caFile, '-CAkey', caKey, '-set_serial', `0x${randomBytes(8).toString('hex')}`, ...days, '-extfile', extensions, '-out', files.certFile],
    { cwd: dir },
  );
  chmodSync(files.keyFile, 0o600);
  chmodSync(files.caFile, 0o644);
  chmodSync(files.certFile, 0o644);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(files.keyFile, owner.uid, owner.gid);
  }
  return files;
}

const CLIENT_EXTENSIONS = `basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
`;

/** A client certificate for `name`, signed by the CA `createServerCertificates` made in `dir`. */
export async function createClientCertificate(dir: string, name: string): Promise<{ certFile: string; keyFile: string }> {
  const openssl = requireBinary('openssl', 'openssl');
  const files = { certFile: join(dir, `${name}.pem`), keyFile: join(dir, `${name}-key.pem`) };
  const request = join(dir, `${name}.csr`);
  const extensions = join(dir, `${name}.ext`);
  writeFileSync(extensions, CLIENT_EXTENSIONS);
  await run(openssl, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', files.keyFile, '-out', request, '-subj', `/CN=${name}`], { cwd: dir });
  await run(
    openssl,
    [
      'x509',
      '-req',
      '-in',
      request,
      '-CA',
      join(dir, 'ca.pem'),
      '-CAkey',
      join(dir, 'ca-key.pem'),
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-days',
      '2',
      '-extfile',
      extensions,
      '-out',
      files.certFile,
    ],
    { cwd: dir },
  );
  return files;
}
