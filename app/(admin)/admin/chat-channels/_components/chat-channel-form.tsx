"use client";

import {
  FormMessage,
  InputField,
  SelectField,
  SubmitButton,
  fieldError,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { CheckboxList } from "@/app/(admin)/admin/_components/checkbox-list";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { saveChatChannelAction } from "@/app/(admin)/admin/chat-channels/actions";
import {
  CHAT_EVENTS,
  CHAT_EVENT_LABELS,
  CHAT_PLATFORMS,
  CHAT_PLATFORM_LABELS,
  DEFAULT_CHAT_EVENTS,
  type ChatEvent,
  type ChatPlatform,
} from "@/lib/integrations";

export type ChannelFormValue = {
  id: string;
  name: string;
  platform: ChatPlatform;
  webhookHint: string;
  events: ChatEvent[];
  allComponents: boolean;
  componentIds: string[];
  version: number;
};

const URL_HINTS: Record<ChatPlatform, string> = {
  slack: "Slack: an incoming webhook URL, https://hooks.slack.com/services/…",
  teams: "Teams: the URL of a Workflows “When a Teams webhook request is received” flow.",
  discord: "Discord: Channel settings → Integrations → Webhooks → Copy webhook URL.",
  google_chat: "Google Chat: Space → Apps & integrations → Webhooks.",
  mattermost: "Mattermost: Integrations → Incoming webhooks.",
};

const EVENT_OPTIONS = CHAT_EVENTS.map((event) => ({ value: event, label: CHAT_EVENT_LABELS[event] }));

/** Adds a channel, or with `channel` edits it; a stored webhook URL is kept unless a new one is typed. */
export function ChatChannelForm({
  channel,
  components,
}: {
  channel?: ChannelFormValue;
  components: { id: string; name: string }[];
}) {
  const [state, action, resetKey] = useConsoleAction(saveChatChannelAction, { clearOnSuccess: !channel });
  const prefix = channel?.id ?? "new-channel";
  const lists = state?.ok === false ? state.lists : undefined;
  const events = lists?.events ?? channel?.events ?? [...DEFAULT_CHAT_EVENTS];
  const chosenComponents = lists?.componentIds ?? channel?.componentIds ?? [];
  const scope = valueOf(state, "scope", channel && !channel.allComponents ? "some" : "all");
  const eventsError = fieldError(state, "events");
  const componentsError = fieldError(state, "componentIds");
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <HiddenFields values={{ channelId: channel?.id, version: channel?.version }} />
      <FormMessage state={state} />
      <InputField
        id={`${prefix}-name`}
        label="Name"
        hint="Where it posts, e.g. “#incidents”."
        name="name"
        fallback={channel?.name ?? ""}
        maxLength={100}
      />
      <SelectField id={`${prefix}-platform`} label="Platform" name="platform" fallback={channel?.platform ?? "slack"}>
        <EnumOptions values={CHAT_PLATFORMS} labels={CHAT_PLATFORM_LABELS} />
      </SelectField>
      <InputField
        id={`${prefix}-webhookUrl`}
        label="Webhook URL"
        hint={channel ? `Stored: ${channel.webhookHint} — leave blank to keep it.` : Object.values(URL_HINTS).join(" ")}
        name="webhookUrl"
        type="url"
        autoComplete="off"
        maxLength={2000}
      />
      <fieldset className="space-y-1" aria-describedby={eventsError ? `${prefix}-events-error` : undefined}>
        <legend className="text-sm font-medium">Events</legend>
        <CheckboxList name="events" options={EVENT_OPTIONS} chosen={events} />
        {eventsError ? (
          <p id={`${prefix}-events-error`} className="text-sm text-red-700 dark:text-red-400">
            {eventsError}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Components</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="all" defaultChecked={scope !== "some"} /> All components
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="some" defaultChecked={scope === "some"} /> Only events about these
          components:
        </label>
        <CheckboxList
          name="componentIds"
          options={components.map((c) => ({ value: c.id, label: c.name }))}
          chosen={chosenComponents}
          className="grid gap-1 pl-6 sm:grid-cols-2"
        />
        {componentsError ? <p className="text-sm text-red-700 dark:text-red-400">{componentsError}</p> : null}
      </fieldset>
      <SubmitButton>{channel ? "Save channel" : "Add channel"}</SubmitButton>
    </ConsoleForm>
  );
}
