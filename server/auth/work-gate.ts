import "server-only";
import { AppError } from "@/server/errors";

/** A job a gate refused because its queue was full. */
export class GateBusyError extends AppError {
  constructor(message: string) {
    super("UNAVAILABLE", message);
  }
}

/** Runs at most `concurrency` jobs at once with a short queue, refusing the rest at once instead of piling them up. */
export class WorkGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueue: number,
    private readonly busyMessage: string,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue) throw new GateBusyError(this.busyMessage);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await job();
    } finally {
      const nextJob = this.waiting.shift();
      if (nextJob) nextJob();
      else this.running--;
    }
  }

  get idle(): boolean {
    return this.running === 0 && this.waiting.length === 0;
  }
}

/** One job at a time per key, each key with its own short queue; a key's gate is forgotten once it is idle. */
export class KeyedWorkGate {
  private readonly gates = new Map<string, WorkGate>();

  constructor(
    private readonly maxQueue: number,
    private readonly busyMessage: string,
  ) {}

  async run<T>(key: string, job: () => Promise<T>): Promise<T> {
    let gate = this.gates.get(key);
    if (!gate) this.gates.set(key, (gate = new WorkGate(1, this.maxQueue, this.busyMessage)));
    try {
      return await gate.run(job);
    } finally {
      if (gate.idle && this.gates.get(key) === gate) this.gates.delete(key);
    }
  }
}

export const SERVER_BUSY = "The server is busy. Try again in a moment.";

// scrypt runs on libuv's four threads. Each kind of caller gets its own slots, so a flood of one cannot starve another.
/** First-run set-up, which anyone can trigger without a session. */
export const unauthenticatedHashing = new WorkGate(1, 4, SERVER_BUSY);
/** Sign-ins from an address or browser that has not signed in to the account before. */
export const strangerSignInHashing = new WorkGate(2, 32, SERVER_BUSY);
/** Sign-ins from an address or browser that has, so its owner gets in while strangers fill the slots above. */
export const knownSignInHashing = new WorkGate(1, 8, SERVER_BUSY);
