import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { revokeIntegrationAction } from "@/app/(admin)/admin/integrations/actions";

export function RevokeIntegrationButton({ integrationId, name }: { integrationId: string; name: string }) {
  return (
    <ButtonForm
      action={revokeIntegrationAction}
      fields={{ integrationId }}
      className="space-y-1"
      compact
      variant="danger"
      pendingLabel="Revoking…"
      confirm={`Revoke “${name}”? Its URL answers 401 from now on.`}
    >
      {`Revoke ${name}`}
    </ButtonForm>
  );
}
