import { ColumnHeads } from "@/app/(admin)/admin/_components/column-heads";
import { formatUtcDateTime } from "@/lib/format";

type Attempt = {
  id: string;
  attempt: number;
  at: Date;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
};

const cell = "py-1 pr-3";

export function AttemptTable({ deliveryId, attempts }: { deliveryId: string; attempts: Attempt[] }) {
  return (
    <table className="mt-2 w-full text-left text-xs">
      <caption className="sr-only">Attempts for delivery {deliveryId}</caption>
      <ColumnHeads
        className="text-zinc-600 dark:text-zinc-400"
        cellClassName={cell}
        columns={["Attempt", "At", "Result", "Time"]}
      />
      <tbody>
        {attempts.map((attempt) => (
          <tr key={attempt.id} className="border-t border-zinc-100 dark:border-zinc-800">
            <td className={cell}>{attempt.attempt}</td>
            <td className={`${cell} whitespace-nowrap`}>{formatUtcDateTime(attempt.at)}</td>
            <td className={cell}>
              {attempt.ok ? "OK" : "Failed"}
              {attempt.statusCode ? ` (HTTP ${attempt.statusCode})` : ""}
              {attempt.error && !attempt.ok ? ` - ${attempt.error}` : ""}
            </td>
            <td className={cell}>{attempt.durationMs} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
