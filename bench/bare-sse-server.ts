/**
 * The live benchmark's baseline: a bare server-sent-events server. Clients connect to
 * GET /events; POST /change writes one event to every client at once. Nothing is stored.
 */
import { createServer, type ServerResponse } from 'node:http';

const clients = new Set<ServerResponse>();
let seq = 0;

createServer((req, res) => {
  if (req.url === '/api/health') {
    res.end('{"ok":true}');
  } else if (req.method === 'GET' && req.url?.startsWith('/events')) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.write('retry: 3000\n\n');
    clients.add(res);
    res.on('close', () => clients.delete(res));
  } else if (req.method === 'POST' && req.url === '/change') {
    seq += 1;
    const event = `id: ${seq}\nevent: need\ndata: ${JSON.stringify({ type: 'need', id: String(seq), at: new Date().toISOString() })}\n\n`;
    for (const client of clients) client.write(event);
    res.writeHead(201).end();
  } else {
    res.writeHead(404).end();
  }
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
