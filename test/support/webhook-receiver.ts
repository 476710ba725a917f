/** A real local HTTP receiver for webhooks: records every request and answers as the test says. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** The status the next requests get (200 by default). */
  answer: { status: number; body: string };
  close(): Promise<void>;
  /** Listens again on the same port (after close). */
  restart(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  let server: Server;
  const receiver: Receiver = {
    url: '',
    port,
    received: [],
    answer: { status: 200, body: 'ok' },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    restart: () => listen(receiver.port),
  };
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (c: Buffer) => chunks.push(c));
        request.on('end', () => {
          receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
          response.writeHead(receiver.answer.status, { 'content-type': 'text/plain' }).end(receiver.answer.body);
        });
      });
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        receiver.port = (server.address() as AddressInfo).port;
        receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
        resolve();
      });
    });
  await listen(port);
  return receiver;
}
