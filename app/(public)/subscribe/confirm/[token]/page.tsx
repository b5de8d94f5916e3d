import type { Metadata } from "next";
import { confirmAction } from "@/app/(public)/subscribe/actions";
import { TokenActionForm } from "@/app/(public)/subscribe/_components/token-action-form";

export const metadata: Metadata = {
  title: "Confirm your subscription",
  robots: { index: false },
  referrer: "no-referrer",
};

export default async function ConfirmPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <section aria-labelledby="confirm-heading" className="max-w-xl space-y-4">
      <h1 id="confirm-heading" className="text-2xl font-semibold">
        Confirm your subscription
      </h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        Confirm to start receiving updates by email. You can change components or unsubscribe at any time.
      </p>
      <TokenActionForm token={token} action={confirmAction} pendingLabel="Confirming…">
        Confirm subscription
      </TokenActionForm>
    </section>
  );
}
