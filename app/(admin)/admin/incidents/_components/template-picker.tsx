"use client";

import { inputClass } from "@/app/(admin)/admin/_components/form-bits";
import { RecordOptions } from "@/app/(admin)/admin/_components/options";
import type { MessageTemplate } from "@/app/(admin)/admin/templates/_components/template-form";

/** Picks a message template to prefill the form with; it sends nothing itself. */
export function TemplatePicker({
  id,
  label,
  templates,
  chosen,
  onChoose,
}: {
  id: string;
  label: string;
  templates: MessageTemplate[];
  chosen: MessageTemplate | null;
  onChoose: (template: MessageTemplate | null) => void;
}) {
  if (templates.length === 0) return null;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        className={inputClass}
        value={chosen?.id ?? ""}
        onChange={(event) => onChoose(templates.find((t) => t.id === event.target.value) ?? null)}
      >
        <option value="">No template</option>
        <RecordOptions records={templates} />
      </select>
    </div>
  );
}
