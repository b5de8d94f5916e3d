// The live-stream scenario of `npm run bench`: thousands of open tabs, each a server-sent event stream on one
// instance, simulated by raw sockets (a browser per tab would measure the browsers). Each client connects from its
// own loopback address, as real readers do from theirs.
import net from "node:net";
import { readFileSync } from "node:fs";

export type StreamClients = {
  count: number;
  /** Waits until every client has seen an event id other than the one it had, and returns each client's delay. */
  waitForNewVersion(since: number, timeoutMs: number): Promise<number[]>;
  close(): void;
};

type Client = { socket: net.Socket; lastId: string; changedAt: number; buffer: string };

function loopbackAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** Resolves on the stream's first event, or, with `openOnly`, as soon as the server has accepted it. */
function openOne(
  port: number,
  path: string,
  index: number,
  onEvent: (client: Client, previousChangeAt: number) => void,
  openOnly: boolean,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress: loopbackAddress(index) });
    const client: Client = { socket, lastId: "", changedAt: 0, buffer: "" };
    let opened = false;
    socket.setEncoding("utf8");
    socket.on("connect", () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`),
    );
    socket.on("data", (chunk: string) => {
      if (openOnly && !opened && /^HTTP\/1\.1 200/.test(chunk)) {
        opened = true;
        resolve(client);
      }
      client.buffer += chunk;
      let end: number;
      while ((end = client.buffer.indexOf("\n\n")) >= 0) {
        const block = client.buffer.slice(0, end);
        client.buffer = client.buffer.slice(end + 2);
        const id = /^id: (.+)$/m.exec(block)?.[1];
        if (!id || id === client.lastId) continue;
        client.lastId = id;
        const previousChangeAt = client.changedAt;
        client.changedAt = performance.now();
        onEvent(client, previousChangeAt);
        if (!opened) {
          opened = true;
          resolve(client);
        }
      }
    });
    socket.on("error", (error) => {
      if (!opened) reject(error);
    });
  });
}

/** Opens `count` streams in batches (the listen backlog is finite), each resolved once it has its first event. */
export async function openStreamClients(
  port: number,
  count: number,
  pathOf: (index: number) => string = () => "/api/live/stream",
  { firstAddress = 0, openOnly = false }: { firstAddress?: number; openOnly?: boolean } = {},
): Promise<StreamClients> {
  const clients: Client[] = [];
  // Counted as events arrive: scanning ten thousand clients on every event would make the bench, not the server,
  // the slow part.
  let waiting: { since: number; pending: number; done: () => void } | null = null;
  const onEvent = (client: Client, previousChangeAt: number) => {
    if (!waiting || previousChangeAt >= waiting.since || client.changedAt < waiting.since) return;
    if (--waiting.pending === 0) waiting.done();
  };
  const BATCH = 250;
  for (let start = 0; start < count; start += BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(BATCH, count - start) }, (_, i) =>
        openOne(port, pathOf(start + i), firstAddress + start + i, onEvent, openOnly),
      ),
    );
    clients.push(...batch);
  }
  return {
    count: clients.length,
    async waitForNewVersion(since: number, timeoutMs: number) {
      const pending = clients.filter((client) => client.changedAt < since).length;
      if (pending > 0) {
        let timer: NodeJS.Timeout | undefined;
        try {
          await new Promise<void>((resolve, reject) => {
            waiting = { since, pending, done: resolve };
            timer = setTimeout(
              () => {
                const left = clients.filter((client) => client.changedAt < since).length;
                reject(
                  new Error(`${left} of ${clients.length} streams did not receive the change within ${timeoutMs} ms`),
                );
              },
              timeoutMs - (performance.now() - since),
            );
          });
        } finally {
          clearTimeout(timer);
          waiting = null;
        }
      }
      return clients.map((client) => client.changedAt - since);
    },
    close() {
      for (const client of clients) client.socket.destroy();
    },
  };
}

export function residentMemoryMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}
