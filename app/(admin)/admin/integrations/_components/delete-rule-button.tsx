import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { deleteAlertRuleAction } from "@/app/(admin)/admin/integrations/actions";

export function DeleteRuleButton({ ruleId }: { ruleId: string }) {
  return (
    <ButtonForm
      action={deleteAlertRuleAction}
      fields={{ ruleId }}
      className="space-y-1"
      compact
      variant="danger"
      pendingLabel="Deleting…"
      confirm="Delete this rule? Components it holds recover on the next pass."
    >
      Delete rule
    </ButtonForm>
  );
}
