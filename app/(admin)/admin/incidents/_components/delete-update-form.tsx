import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { deleteUpdateAction } from "@/app/(admin)/admin/incidents/actions";

export function DeleteUpdateForm({ updateId }: { updateId: string }) {
  return (
    <ButtonForm
      action={deleteUpdateAction}
      fields={{ updateId }}
      className="space-y-2"
      variant="danger"
      pendingLabel="Deleting…"
      confirm="Delete this update? It disappears from the public page. Component statuses are not changed."
    >
      Delete update
    </ButtonForm>
  );
}
