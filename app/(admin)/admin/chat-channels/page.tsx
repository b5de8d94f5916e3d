import type { Metadata } from "next";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { Card, EmptyCard } from "@/app/(admin)/admin/_components/card";
import { PageIntro } from "@/app/(admin)/admin/_components/page-heading";
import { Section } from "@/app/(admin)/admin/_components/section";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { listChatChannels } from "@/server/queries/chat-channels";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { roleAtLeast } from "@/lib/status";
import { ChatChannelCard } from "@/app/(admin)/admin/chat-channels/_components/chat-channel-card";
import { ChatChannelForm } from "@/app/(admin)/admin/chat-channels/_components/chat-channel-form";

export const metadata: Metadata = { title: "Chat channels" };

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
      <PageIntro title="Chat channels">
        Post incidents, maintenance and component changes to Slack, Microsoft Teams, Discord, Google Chat or Mattermost,
        each in its own format. Messages go out from the same outbox as subscriber notifications: retried, never sent
        twice.
      </PageIntro>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Section id="channels-heading" title="Channels">
          {channels.length === 0 ? (
            <EmptyCard>No chat channels yet.</EmptyCard>
          ) : (
            <ul className="space-y-3">
              {channels.map((channel) => (
                <ChatChannelCard key={channel.id} channel={channel} components={components} />
              ))}
            </ul>
          )}
        </Section>
        <Card id="new-channel-heading" title="New channel">
          <ChatChannelForm components={components} />
        </Card>
      </div>
    </div>
  );
}
