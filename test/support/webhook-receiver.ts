/** A real local HTTP receiver for webhooks: records every request and answers as the test says. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/http/app-types';
import type { Deps } from '../../src/services/context';
import { reportNeed } from '../../src/services/needs/report-need';
import { runWebhooksOnce } from '../../src/services/webhooks/deliver-webhooks';
import { call } from './api';

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
  /** Answer with the request's own body (as a debugging receiver might). */
  echo: boolean;
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
    echo: false,
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
          const body = Buffer.concat(chunks).toString('utf8');
          receiver.received.push({ headers: request.headers, body });
          response
            .writeHead(receiver.answer.status, { 'content-type': 'text/plain' })
            .end(receiver.echo ? body : receiver.answer.body);
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

/**
 * A webhook of the county coordinator (410103) whose receiver echoes each body back: after a
 * new need there, the delivery log's answer excerpt holds the need's contact as that coordinator
 * reads it (CANARY-COUNTY-CONTACT-WEBHOOK). The app must allow private targets.
 */
export async function echoedDelivery(app: App, deps: Deps, token: string, incidentId: string): Promise<string> {
  const receiver = await startReceiver();
  receiver.echo = true;
  try {
    const webhook = await call(app, 'POST', '/api/v1/webhooks', { token, body: { url: receiver.url, events: ['need.created'] } });
    if (webhook.status !== 201) throw new Error(`the webhook was not created: ${JSON.stringify(webhook.json)}`);
    await reportNeed(deps, { kind: 'system', label: 'test' }, incidentId, {
      title: '回显接收方的新求助',
      category: 'shelter',
      jurisdiction: '410103',
      lat: 34.71,
      lon: 113.6,
      contactName: 'CANARY-COUNTY-CONTACT-WEBHOOK',
    });
    await runWebhooksOnce(deps, { allowPrivate: true });
    return String(webhook.json.id);
  } finally {
    await receiver.close();
  }
}
