import "server-only";
import { AppError } from "@/server/errors";

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
      if (this.waiting.length >= this.maxQueue) throw new AppError("UNAVAILABLE", this.busyMessage);
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
}

/**
 * Password hashing that anyone can trigger without a session (first-run set-up) shares one slot of the four
 * threads scrypt runs on, so a flood of it cannot slow down sign-ins.
 */
export const unauthenticatedHashing = new WorkGate(1, 4, "The server is busy. Try again in a moment.");
