import net from "node:net";

export class StartupError extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
  }
}

export function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error) => {
      if (error.code === "EADDRINUSE") reject(new StartupError(`Port ${port} is already in use, so ${what} cannot start there.`));
      else reject(error);
    });
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
