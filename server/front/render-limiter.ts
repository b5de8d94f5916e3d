// Bounds the rendering a stream of cache misses can cause. Renders run on the event loop that also answers
// every cache hit, so they get a few slots at once (a render beyond them waits briefly in a queue or is refused),
// and renders that produce nothing worth keeping (a page that does not exist, an error) get a share of its time:
// a token bucket charged with their duration. Real pages are stored and never drain it, so a cold start or a burst
// of changes is never refused, while a flood of junk addresses is.

export class RenderRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "RenderRefused";
  }
}

// Refusals are answered by the thousand during a flood: one instance of each, never a new stack trace per request.
const BUDGET_SPENT = new RenderRefused("render budget spent");
const QUEUE_FULL = new RenderRefused("render queue full");
const WAITED_TOO_LONG = new RenderRefused("waited too long for a render slot");

export type RenderLimits = {
  maxConcurrent?: number;
  maxQueued?: number;
  queueTimeoutMs?: number;
  /** Share of each second that wasted renders may take. */
  budgetShare?: number;
  /** How much of that time may be borrowed at once. */
  burstMs?: number;
  now?: () => number;
};

export function createRenderLimiter({
  maxConcurrent = 2,
  maxQueued = 32,
  queueTimeoutMs = 5_000,
  budgetShare = 0.2,
  burstMs = 2_000,
  now = () => performance.now(),
}: RenderLimits = {}) {
  let running = 0;
  const queue: (() => void)[] = [];
  let tokens = burstMs;
  let refilledAt = now();
  let refused = 0;

  function refill() {
    const at = now();
    tokens = Math.min(burstMs, tokens + (at - refilledAt) * budgetShare);
    refilledAt = at;
  }

  function release(startedAt: number, wasted: boolean) {
    refill();
    if (wasted) tokens -= now() - startedAt;
    running--;
    const next = queue.shift();
    if (next) next();
  }

  /** Whether a render would be refused now: a flood is answered before any work is done for it. */
  function refuses(known: boolean): boolean {
    refill();
    // Even on an idle server: one junk render after another would keep the app's core busy all the time.
    if (!known && tokens <= 0) return true;
    return running >= maxConcurrent && queue.length >= maxQueued;
  }

  /**
   * Runs `render` when a slot is free. `known` renders (a page already cached, rendered again after a change) are
   * bounded by the slots only, so a flood cannot keep real changes from showing; unknown ones also need budget,
   * which only renders whose result `wasted` judges worthless spend.
   */
  async function run<T>(
    render: () => Promise<T>,
    {
      known = false,
      wasted = (result: T | undefined) => !result,
    }: { known?: boolean; wasted?: (result: T | undefined) => boolean } = {},
  ): Promise<T> {
    if (refuses(known)) {
      refused++;
      throw running >= maxConcurrent ? QUEUE_FULL : BUDGET_SPENT;
    }
    if (running >= maxConcurrent) {
      await new Promise<void>((resolve, reject) => {
        const waiter = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          refused++;
          reject(WAITED_TOO_LONG);
        }, queueTimeoutMs);
        queue.push(waiter);
      });
    }
    running++;
    const startedAt = now();
    let result: T | undefined;
    try {
      result = await render();
      return result;
    } finally {
      release(startedAt, wasted(result));
    }
  }

  function noteRefused() {
    refused++;
  }

  return {
    run,
    refuses,
    noteRefused,
    stats: () => ({ running, queued: queue.length, refused, tokens: Math.round(tokens) }),
  };
}
