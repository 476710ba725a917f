/** The network between a browser test and its server process, which a test can take away for real. */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { type ServerProcess, startServerProcess } from './server-process';

/** A TCP proxy to the server that can be made to refuse connections, as a phone losing its network. */
export class Network {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: number) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Closes the port and every open connection: the next connection is refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A server process on a test database, reached by the browser only through a {@link Network} it can take away. */
export interface ServerBehindNetwork {
  server: ServerProcess;
  network: Network;
  /** The address the browser uses: the proxy's. */
  base: string;
  /** Takes the network away for real (the proxy refuses) and tells the browser so: a phone losing its network. */
  offline(context: BrowserContext): Promise<void>;
  /** Brings the network back, and tells the browser. */
  online(context: BrowserContext): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `corespond serve` on the test database's `env` and a proxy in front of it, with the network up. */
export async function serveBehindNetwork(env: Record<string, string | undefined>): Promise<ServerBehindNetwork> {
  const server = await startServerProcess(env);
  const network = new Network(Number(new URL(server.url).port));
  await network.up();
  return {
    server,
    network,
    base: `http://127.0.0.1:${network.port}`,
    async offline(context) {
      await network.down();
      await context.setOffline(true);
    },
    async online(context) {
      await network.up();
      await context.setOffline(false);
    },
    async stop() {
      await network.down();
      server.child.kill('SIGTERM');
    },
  };
}
