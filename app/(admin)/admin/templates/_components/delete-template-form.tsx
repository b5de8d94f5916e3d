import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { deleteTemplateAction } from "@/app/(admin)/admin/templates/actions";

export function DeleteTemplateForm({ template }: { template: { id: string; name: string } }) {
  return (
    <ButtonForm
      action={deleteTemplateAction}
      fields={{ templateId: template.id }}
      variant="danger"
      pendingLabel="Deleting…"
      confirm={`Delete the template “${template.name}”?`}
    >
      Delete template
    </ButtonForm>
  );
}
