import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { ChannelActions } from "@/app/(admin)/admin/chat-channels/_components/channel-actions";
import { ChatChannelForm } from "@/app/(admin)/admin/chat-channels/_components/chat-channel-form";
import { formatUtcDateTime } from "@/lib/format";
import { CHAT_EVENT_LABELS, CHAT_PLATFORM_LABELS } from "@/lib/integrations";
import type { ChatChannelItem } from "@/server/queries/chat-channels";

const DELIVERY_LABELS: Record<string, string> = {
  pending: "Queued",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Retrying",
  dead: "Not delivered",
};

export function ChatChannelCard({
  channel,
  components,
}: {
  channel: ChatChannelItem;
  components: { id: string; name: string }[];
}) {
  return (
    <li
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      aria-label={channel.name}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-medium">
            {channel.name}{" "}
            <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">
              · {CHAT_PLATFORM_LABELS[channel.platform]}
            </span>
          </h3>
          <p className="break-all text-xs text-zinc-600 dark:text-zinc-400">
            <code>{channel.webhookHint}</code>
          </p>
        </div>
        <ChannelActions channel={channel} />
      </div>
      {channel.disabledAt ? (
        <p role="note" className="rounded bg-red-50 px-2 py-1 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          Disabled {formatUtcDateTime(channel.disabledAt)}: {channel.disabledReason}
        </p>
      ) : null}
      <p className="text-sm">{channel.events.map((e) => CHAT_EVENT_LABELS[e]).join(", ")}</p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {channel.allComponents ? "All components" : `Only: ${channel.components.map((c) => c.name).join(", ")}`}
      </p>
      {channel.recent.length ? (
        <ul
          className="space-y-0.5 text-xs text-zinc-600 dark:text-zinc-400"
          aria-label={`Recent deliveries to ${channel.name}`}
        >
          {channel.recent.map((d) => (
            <li key={d.id}>
              {formatUtcDateTime(d.createdAt)} · {d.headline}: {d.title} · {DELIVERY_LABELS[d.status] ?? d.status}
              {d.lastError ? ` (${d.lastError})` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <Disclosure summary={`Edit ${channel.name}`}>
        <ChatChannelForm
          channel={{ ...channel, componentIds: channel.components.map((c) => c.id) }}
          components={components}
        />
      </Disclosure>
    </li>
  );
}
