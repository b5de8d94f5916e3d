import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { reenableSubscriberAction } from "@/app/(admin)/admin/subscribers/actions";

export function ReenableSubscriberForm({ subscriberId }: { subscriberId: string }) {
  return (
    <ButtonForm
      action={reenableSubscriberAction}
      fields={{ subscriberId }}
      className="space-y-2"
      variant="secondary"
      pendingLabel="Re-enabling…"
    >
      Re-enable webhook
    </ButtonForm>
  );
}
