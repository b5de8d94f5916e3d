import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { authorize, type Actor } from "@/server/auth/actor";
import { webhookUrlHint } from "@/lib/webhook-url-hint";
import type { ChatEvent, ChatPlatform } from "@/lib/integrations";

export type ChatChannelItem = {
  id: string;
  name: string;
  platform: ChatPlatform;
  webhookHint: string;
  events: ChatEvent[];
  allComponents: boolean;
  components: { id: string; name: string }[];
  disabledAt: Date | null;
  disabledReason: string | null;
  lastDeliveredAt: Date | null;
  version: number;
  createdAt: Date;
  recent: {
    id: string;
    status: string;
    attempts: number;
    lastError: string | null;
    lastStatusCode: number | null;
    createdAt: Date;
    deliveredAt: Date | null;
    headline: string;
    title: string;
  }[];
};

const select = {
  id: true,
  name: true,
  platform: true,
  webhookUrl: true,
  events: true,
  allComponents: true,
  disabledAt: true,
  disabledReason: true,
  lastDeliveredAt: true,
  version: true,
  createdAt: true,
  components: { select: { component: { select: { id: true, name: true } } } },
  deliveries: {
    orderBy: { createdAt: "desc" as const },
    take: 5,
    select: {
      id: true,
      status: true,
      attempts: true,
      lastError: true,
      lastStatusCode: true,
      createdAt: true,
      deliveredAt: true,
      message: { select: { payload: true } },
    },
  },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof loadOne>>>;
function loadOne(db: DbOrTx, channelId: string) {
  return db.chatChannel.findUnique({ where: { id: channelId }, select });
}

function toItem({ webhookUrl, components, deliveries, ...row }: Row): ChatChannelItem {
  return {
    ...row,
    platform: row.platform,
    events: row.events as ChatEvent[],
    webhookHint: webhookUrlHint(webhookUrl),
    components: components.map((c) => c.component),
    recent: deliveries.map(({ message, ...d }) => {
      const payload = (message.payload ?? {}) as { headline?: string; title?: string };
      return { ...d, headline: payload.headline ?? "", title: payload.title ?? "" };
    }),
  };
}

/** Every chat channel, never its full webhook URL. */
export async function listChatChannels(actor: Actor, db: DbOrTx = getDb()): Promise<ChatChannelItem[]> {
  authorize(actor, "viewer");
  const rows = await db.chatChannel.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select });
  return rows.map(toItem);
}

export async function getChatChannel(
  actor: Actor,
  channelId: string,
  db: DbOrTx = getDb(),
): Promise<ChatChannelItem | null> {
  authorize(actor, "viewer");
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(channelId)) return null;
  const row = await loadOne(db, channelId);
  return row ? toItem(row) : null;
}
