import "server-only";
import type { Db, Tx } from "@/server/db/client";
import {
  claimDueDeliveries,
  type ClaimedDelivery,
  type LaneName,
} from "@/server/notifications/outbox/claim-due-deliveries";
import {
  decideSettlement,
  decideDisabling,
  type LaneRules,
  type Settlement,
} from "@/server/notifications/outbox/settle-rules";
import type { AttemptResult, SendOutcome } from "@/server/notifications/outbox/send-outcome";

/** A claimed delivery ready to send, or the outcome that makes sending pointless (target gone, payload malformed). */
export type PreparedDelivery =
  { send: () => Promise<SendOutcome> } | { outcome: Extract<SendOutcome, { kind: "not-sent" | "malformed" }> };

/** What one lane's tables (its deliveries and their targets) do for the lane; the rules are the lane's own. */
export type LaneStore = {
  lane: LaneName;
  prepare(claimed: ClaimedDelivery): Promise<PreparedDelivery>;
  /** Writes the settlement only if this claim still holds the lease; false when the lease was lost. */
  settleDelivery(tx: Tx, claimed: ClaimedDelivery, settlement: Settlement): Promise<boolean>;
  clearFailures(tx: Tx, targetId: string, at: Date): Promise<void>;
  countFailure(tx: Tx, targetId: string): Promise<{ consecutiveFailures: number; disabled: boolean }>;
  /** Disables the target and ends its deliveries still waiting to be sent. */
  disableTarget(tx: Tx, targetId: string, reason: string): Promise<void>;
};

/** One outbox lane: claim with a lease, send through the channel's sender, settle fenced by the claim token. */
export function createOutboxLane({ store, db, rules }: { store: LaneStore; db: () => Db; rules: LaneRules }) {
  function claim(limit: number, claimToken: string, leaseMs: number): Promise<ClaimedDelivery[]> {
    return claimDueDeliveries(db(), store.lane, { limit, claimToken, leaseMs });
  }

  async function attempt(claimed: ClaimedDelivery): Promise<AttemptResult> {
    const prepared = await store.prepare(claimed);
    if ("outcome" in prepared) return { ...prepared.outcome, durationMs: 0 };
    const started = Date.now();
    try {
      return { ...(await prepared.send()), durationMs: Date.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { kind: "failed", error: message, durationMs: Date.now() - started };
    }
  }

  /** Settles the delivery and its target in one transaction; returns false, having changed nothing, if the lease was lost. */
  async function record(claimed: ClaimedDelivery, result: AttemptResult): Promise<boolean> {
    const settlement = decideSettlement(claimed, result, rules);
    return db().$transaction(async (tx) => {
      if (!(await store.settleDelivery(tx, claimed, settlement))) return false;
      if (settlement.failures === "reset") await store.clearFailures(tx, claimed.targetId, settlement.at);
      if (settlement.failures === "count") {
        const target = await store.countFailure(tx, claimed.targetId);
        const reason = target.disabled ? null : decideDisabling(settlement, target.consecutiveFailures, claimed, rules);
        if (reason) await store.disableTarget(tx, claimed.targetId, reason);
      }
      return true;
    });
  }

  return { lane: store.lane, claim, attempt, record };
}

export type OutboxLane = ReturnType<typeof createOutboxLane>;
