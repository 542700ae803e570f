/** --releases: a webhook receiver on 127.0.0.1 (port 0: a free one) that hands every request to a ledger. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryLedger } from './delivery-ledger.js';

/** A receiver reads at most this much of a body; the server's payloads are a few KB. */
const MAX_BODY_BYTES = 1024 * 1024;

export class WebhookReceiver {
  readonly ledger = new DeliveryLedger();
  private readonly server: http.Server;

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () => {
        // The arrival is when the whole body is in, as for a receiver that stores it.
        const arrivedAt = performance.now();
        const arrivedAtEpochMs = Date.now();
        const outcome =
          req.method === 'POST' && size <= MAX_BODY_BYTES
            ? this.ledger.receive(req.headers, Buffer.concat(chunks).toString('utf8'), arrivedAt, arrivedAtEpochMs)
            : { status: 400 };
        res.writeHead(outcome.status).end();
      });
    });
    // Each attempt is a fresh connection; don't keep the server's sockets open past it.
    this.server.keepAliveTimeout = 1_000;
  }

  /** Resolves with the URL to register. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/copydesk-bench/webhooks`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
