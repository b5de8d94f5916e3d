import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { revokeApiKeyAction } from "@/app/(admin)/admin/api-keys/actions";

export function RevokeApiKeyForm({ apiKeyId, name }: { apiKeyId: string; name: string }) {
  return (
    <ButtonForm
      action={revokeApiKeyAction}
      fields={{ apiKeyId }}
      className="space-y-1"
      compact
      variant="danger"
      pendingLabel="Revoking…"
      confirm={`Revoke “${name}”? Requests using it will be refused at once.`}
    >
      <span>
        Revoke<span className="sr-only"> {name}</span>
      </span>
    </ButtonForm>
  );
}
