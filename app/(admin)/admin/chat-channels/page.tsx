import type { Metadata } from "next";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { listChatChannels } from "@/server/queries/chat-channels";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { formatUtcDateTime } from "@/lib/format";
import { CHAT_EVENT_LABELS, CHAT_PLATFORM_LABELS } from "@/lib/integrations";
import { roleAtLeast } from "@/lib/status";
import {
  ChatChannelForm,
  DeleteChannelButton,
  ReenableChannelButton,
  SendTestMessageButton,
} from "@/app/(admin)/admin/chat-channels/chat-channel-forms";

export const metadata: Metadata = { title: "Chat channels" };

const DELIVERY_LABELS: Record<string, string> = {
  pending: "Queued",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Retrying",
  dead: "Not delivered",
};

export default async function ChatChannelsPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "responder")) return <NotAllowed role="responder" />;
  const [channels, tree] = await Promise.all([listChatChannels(actor), getAdminComponentTree({ ctx: { actor } })]);
  const components = componentOptions(tree).map((c) => ({
    id: c.id,
    name: c.groupName ? `${c.groupName} › ${c.name}` : c.name,
  }));
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Chat channels</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Post incidents, maintenance and component changes to Slack, Microsoft Teams, Discord, Google Chat or
          Mattermost, each in its own format. Messages go out from the same outbox as subscriber notifications: retried,
          never sent twice.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="channels-heading" className="space-y-3">
          <h2 id="channels-heading" className="text-lg font-semibold">
            Channels
          </h2>
          {channels.length === 0 ? (
            <p className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
              No chat channels yet.
            </p>
          ) : (
            <ul className="space-y-3">
              {channels.map((channel) => (
                <li
                  key={channel.id}
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
                    <div className="flex flex-wrap gap-2">
                      {channel.disabledAt ? (
                        <ReenableChannelButton channelId={channel.id} />
                      ) : (
                        <SendTestMessageButton channelId={channel.id} />
                      )}
                      <DeleteChannelButton channelId={channel.id} name={channel.name} />
                    </div>
                  </div>
                  {channel.disabledAt ? (
                    <p
                      role="note"
                      className="rounded bg-red-50 px-2 py-1 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
                    >
                      Disabled {formatUtcDateTime(channel.disabledAt)}: {channel.disabledReason}
                    </p>
                  ) : null}
                  <p className="text-sm">{channel.events.map((e) => CHAT_EVENT_LABELS[e]).join(", ")}</p>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    {channel.allComponents
                      ? "All components"
                      : `Only: ${channel.components.map((c) => c.name).join(", ")}`}
                  </p>
                  {channel.recent.length ? (
                    <ul
                      className="space-y-0.5 text-xs text-zinc-600 dark:text-zinc-400"
                      aria-label={`Recent deliveries to ${channel.name}`}
                    >
                      {channel.recent.map((d) => (
                        <li key={d.id}>
                          {formatUtcDateTime(d.createdAt)} · {d.headline}: {d.title} ·{" "}
                          {DELIVERY_LABELS[d.status] ?? d.status}
                          {d.lastError ? ` (${d.lastError})` : ""}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <details>
                    <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-300">
                      Edit {channel.name}
                    </summary>
                    <div className="pt-3">
                      <ChatChannelForm
                        channel={{ ...channel, componentIds: channel.components.map((c) => c.id) }}
                        components={components}
                      />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section
          aria-labelledby="new-channel-heading"
          className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="new-channel-heading" className="text-lg font-semibold">
            New channel
          </h2>
          <ChatChannelForm components={components} />
        </section>
      </div>
    </div>
  );
}
