import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A region's health endpoint, as a load balancer in front of the region would expose it:
 * `GET /healthz` answers 200 while the region is up and 503 during an outage.
 */
export class RegionHealthServer {
  private server: Server | null = null;
  private port = 0;

  constructor(
    readonly region: string,
    private readonly isUp: () => boolean,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (!request.url?.startsWith('/healthz')) {
        response.writeHead(404).end();
        return;
      }
      const up = this.isUp();
      response.writeHead(up ? 200 : 503, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify({ region: this.region, status: up ? 'ok' : 'down' }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/healthz`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve) ?? resolve(undefined));
  }
}
