/**
 * A local poetry server for the clients: it sends a poem and closes the connection, as the
 * lesson's `slowpoetry.py` does (without the slowness). `poem: ''` closes at once, without a poem.
 */
import * as net from 'node:net';

export const POEM = `Let us go then, you and I,
When the evening is spread out against the sky
Like a patient etherized upon a table;
`;

export interface PoetryServer {
  port: number;
  close(): Promise<void>;
}

export function startPoetryServer(poem: string = POEM): Promise<PoetryServer> {
  const server = net.createServer((socket) => socket.end(poem));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

/** A port nobody listens on: connecting to it is refused. */
export async function refusedPort(): Promise<number> {
  const server = await startPoetryServer();
  await server.close();
  return server.port;
}
