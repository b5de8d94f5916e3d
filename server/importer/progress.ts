import "server-only";

export type ProgressReporter = {
  fetched(resource: string, count: number): void;
  begin(total: number): void;
  advance(resource: string): void;
  note(message: string): void;
  end(): void;
};

const BAR_WIDTH = 28;

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m ${seconds % 60}s` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** A redrawn line on a terminal (counts per resource, a bar, an ETA); plain lines every 10 % elsewhere. */
export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): ProgressReporter {
  const tty = Boolean(stream.isTTY);
  const counts = new Map<string, number>();
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let lastDecile = -1;
  const line = (text: string) => (tty ? stream.write(`\r\x1b[2K${text}`) : stream.write(`${text}\n`));
  const render = () => {
    const fraction = total ? done / total : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const elapsed = now() - startedAt;
    const eta = done > 0 && done < total ? ` ETA ${formatDuration((elapsed / done) * (total - done))}` : "";
    const perResource = [...counts.entries()].map(([name, n]) => `${name} ${n}`).join(", ");
    return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total} ${Math.floor(fraction * 100)}%${eta}  ${perResource}`;
  };
  return {
    fetched(resource, count) {
      if (tty) line(`Reading the source… ${resource}: ${count}`);
    },
    begin(n) {
      if (tty) stream.write("\r\x1b[2K");
      total = n;
      startedAt = now();
      line(render());
    },
    advance(resource) {
      counts.set(resource, (counts.get(resource) ?? 0) + 1);
      done++;
      const decile = Math.floor((done / Math.max(1, total)) * 10);
      if (tty) line(render());
      else if (decile !== lastDecile) {
        lastDecile = decile;
        line(render());
      }
    },
    note(message) {
      if (tty) stream.write(`\r\x1b[2K${message}\n${render()}`);
      else stream.write(`${message}\n`);
    },
    end() {
      if (tty) stream.write("\n");
    },
  };
}
