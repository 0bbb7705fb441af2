import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM: the CA to verify the server against (HTTPS). */
  ca?: string | Buffer;
  /** PEM client certificate and key, for servers that ask for one. */
  cert?: string | Buffer;
  key?: string | Buffer;
  timeoutMs?: number;
  /** The local address to send from (another 127.x address is another client to the server). */
  localAddress?: string;
}

/** One HTTP(S) request with the TLS options fetch() cannot take; rejects on a refused handshake. */
export function request(url: string, options: RequestOptions = {}): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        localAddress: options.localAddress,
        timeout: options.timeoutMs ?? 10_000,
      },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk) => (body += chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${url}: timed out`)));
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
