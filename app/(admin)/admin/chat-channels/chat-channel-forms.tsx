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
import {
  deleteChatChannelAction,
  reenableChatChannelAction,
  saveChatChannelAction,
  sendTestChatMessageAction,
} from "@/app/(admin)/admin/chat-channels/actions";
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
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      {channel ? (
        <>
          <input type="hidden" name="channelId" value={channel.id} />
          <input type="hidden" name="version" value={channel.version} />
        </>
      ) : null}
      <FormMessage state={state} />
      <InputField
        state={state}
        id={`${prefix}-name`}
        label="Name"
        hint="Where it posts, e.g. “#incidents”."
        name="name"
        fallback={channel?.name ?? ""}
        maxLength={100}
      />
      <SelectField
        state={state}
        id={`${prefix}-platform`}
        label="Platform"
        name="platform"
        fallback={channel?.platform ?? "slack"}
      >
        {CHAT_PLATFORMS.map((p) => (
          <option key={p} value={p}>
            {CHAT_PLATFORM_LABELS[p]}
          </option>
        ))}
      </SelectField>
      <InputField
        state={state}
        id={`${prefix}-webhookUrl`}
        label="Webhook URL"
        hint={channel ? `Stored: ${channel.webhookHint} — leave blank to keep it.` : Object.values(URL_HINTS).join(" ")}
        name="webhookUrl"
        type="url"
        autoComplete="off"
        maxLength={2000}
      />
      <fieldset
        className="space-y-1"
        aria-describedby={fieldError(state, "events") ? `${prefix}-events-error` : undefined}
      >
        <legend className="text-sm font-medium">Events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {CHAT_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={event} defaultChecked={events.includes(event)} />
              {CHAT_EVENT_LABELS[event]}
            </label>
          ))}
        </div>
        {fieldError(state, "events") ? (
          <p id={`${prefix}-events-error`} className="text-sm text-red-700 dark:text-red-400">
            {fieldError(state, "events")}
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
        <div className="grid gap-1 pl-6 sm:grid-cols-2">
          {components.map((c) => (
            <label key={c.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="componentIds"
                value={c.id}
                defaultChecked={chosenComponents.includes(c.id)}
              />
              {c.name}
            </label>
          ))}
        </div>
        {fieldError(state, "componentIds") ? (
          <p className="text-sm text-red-700 dark:text-red-400">{fieldError(state, "componentIds")}</p>
        ) : null}
      </fieldset>
      <SubmitButton>{channel ? "Save channel" : "Add channel"}</SubmitButton>
    </ConsoleForm>
  );
}

function ChannelButton({
  channelId,
  action,
  label,
  pendingLabel,
  variant,
  confirm,
}: {
  channelId: string;
  action: typeof sendTestChatMessageAction;
  label: string;
  pendingLabel: string;
  variant?: "secondary" | "danger";
  confirm?: string;
}) {
  const [state, formAction] = useConsoleAction(action);
  return (
    <ConsoleForm action={formAction} state={state} className="space-y-1">
      <input type="hidden" name="channelId" value={channelId} />
      <SubmitButton variant={variant ?? "secondary"} pendingLabel={pendingLabel} confirm={confirm}>
        {label}
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="max-w-xs text-sm text-red-700 dark:text-red-400">
          {state.formError}
        </p>
      ) : null}
    </ConsoleForm>
  );
}

export function SendTestMessageButton({ channelId }: { channelId: string }) {
  return (
    <ChannelButton
      channelId={channelId}
      action={sendTestChatMessageAction}
      label="Send test message"
      pendingLabel="Sending…"
    />
  );
}

export function ReenableChannelButton({ channelId }: { channelId: string }) {
  return (
    <ChannelButton
      channelId={channelId}
      action={reenableChatChannelAction}
      label="Re-enable"
      pendingLabel="Re-enabling…"
    />
  );
}

export function DeleteChannelButton({ channelId, name }: { channelId: string; name: string }) {
  return (
    <ChannelButton
      channelId={channelId}
      action={deleteChatChannelAction}
      label="Remove"
      pendingLabel="Removing…"
      variant="danger"
      confirm={`Remove the channel “${name}”? Nothing more is posted there.`}
    />
  );
}
