import { CheckboxField, InputField, SelectField, TextAreaField } from "@/app/(admin)/admin/_components/form-bits";
import { RecordOptions } from "@/app/(admin)/admin/_components/options";
import { LIMITS } from "@/lib/status";

export type ComponentValues = {
  name: string;
  description: string | null;
  groupId: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  startDate: string;
};

/** The fields a component is added and edited with. */
export function ComponentFields({
  groups,
  values,
  prefix,
}: {
  groups: { id: string; name: string }[];
  values: ComponentValues;
  prefix: string;
}) {
  return (
    <>
      <InputField id={`${prefix}-name`} label="Name" name="name" fallback={values.name} maxLength={LIMITS.nameMax} />
      <TextAreaField
        id={`${prefix}-description`}
        label="Description"
        hint="Optional; shown as a tooltip on the public page."
        name="description"
        fallback={values.description ?? ""}
        rows={2}
        maxLength={LIMITS.descriptionMax}
      />
      <SelectField id={`${prefix}-group`} label="Group" name="groupId" fallback={values.groupId ?? ""}>
        <option value="">No group</option>
        <RecordOptions records={groups} />
      </SelectField>
      <InputField
        id={`${prefix}-startDate`}
        label="Start date"
        hint="Optional; uptime is counted from this day."
        name="startDate"
        fallback={values.startDate}
        type="date"
      />
      <CheckboxField name="showcase" fallback={values.showcase}>
        Show uptime history (showcase)
      </CheckboxField>
      <CheckboxField name="onlyShowIfDegraded" fallback={values.onlyShowIfDegraded}>
        Only show on the public page when not operational
      </CheckboxField>
    </>
  );
}
