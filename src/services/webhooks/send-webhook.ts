/**
 * One HTTP POST of a webhook, to the address that was checked: the client's `lookup` answers
 * with it, so the URL's host still names the Host header and the TLS server name while the
 * connection cannot be sent elsewhere by a second DNS answer. Bounded in time and in how much
 * of the answer is read.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { RESPONSE_EXCERPT_BYTES } from '../../model/webhook';
import type { PinnedTarget } from './target-address';

export interface SendResult {
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

// Connections are kept open between deliveries to the same receiver (many events in a burst).
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

function pinnedLookup(target: PinnedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    } else {
      callback(null, target.address, target.family);
    }
  };
}

/** Posts `body` with `headers`; never throws (a failure is reported in the result). */
export function sendWebhook(
  target: PinnedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const secure = target.url.protocol === 'https:';
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = (secure ? https : http).request(
      target.url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        lookup: pinnedLookup(target),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'CoRespond-Webhooks/1',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          finish({ statusCode: response.statusCode ?? null, responseExcerpt: excerpt, error: null });
        });
        response.on('error', (error) =>
          finish({ statusCode: response.statusCode ?? null, responseExcerpt: null, error: error.message }),
        );
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    request.on('error', (error) => finish({ statusCode: null, responseExcerpt: null, error: error.message }));
    request.end(body);
  });
}
