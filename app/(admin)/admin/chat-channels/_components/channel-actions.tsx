import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import {
  deleteChatChannelAction,
  reenableChatChannelAction,
  sendTestChatMessageAction,
} from "@/app/(admin)/admin/chat-channels/actions";

/** A channel's buttons: a test message (or re-enabling a disabled channel) and removing it. */
export function ChannelActions({ channel }: { channel: { id: string; name: string; disabledAt: Date | null } }) {
  const button = {
    fields: { channelId: channel.id },
    className: "space-y-1",
    compact: true,
    errorClassName: "max-w-xs",
    variant: "secondary",
  } as const;
  return (
    <div className="flex flex-wrap gap-2">
      {channel.disabledAt ? (
        <ButtonForm key="reenable" {...button} action={reenableChatChannelAction} pendingLabel="Re-enabling…">
          Re-enable
        </ButtonForm>
      ) : (
        <ButtonForm key="test" {...button} action={sendTestChatMessageAction} pendingLabel="Sending…">
          Send test message
        </ButtonForm>
      )}
      <ButtonForm
        {...button}
        action={deleteChatChannelAction}
        variant="danger"
        pendingLabel="Removing…"
        confirm={`Remove the channel “${channel.name}”? Nothing more is posted there.`}
      >
        Remove
      </ButtonForm>
    </div>
  );
}
