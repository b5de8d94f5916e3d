import { InputField } from "@/app/(admin)/admin/_components/form-bits";
import { LIMITS } from "@/lib/status";

export function GroupFields({
  nameLabel,
  values,
}: {
  nameLabel: string;
  values?: { name: string; description: string | null };
}) {
  return (
    <>
      <InputField id="group-name" label={nameLabel} name="name" fallback={values?.name} maxLength={LIMITS.nameMax} />
      <InputField
        id="group-description"
        label="Description"
        name="description"
        fallback={values?.description ?? ""}
        maxLength={LIMITS.descriptionMax}
      />
    </>
  );
}
