import { InputField } from "@/app/(admin)/admin/_components/form-bits";
import { DAMPING_DEFAULT_SECONDS } from "@/lib/integrations";

const DELAYS = [
  {
    suffix: "fire",
    name: "fireAfterSeconds",
    label: "Fire after (seconds)",
    hint: "An alert must keep firing this long before its component changes.",
  },
  {
    suffix: "recover",
    name: "recoverAfterSeconds",
    label: "Recover after (seconds)",
    hint: "After the last alert resolves, wait this long before the component recovers.",
  },
] as const;

/** How long an alert must fire, and stay resolved, before the component it maps to changes. */
export function DampingFields({
  idPrefix,
  values,
}: {
  idPrefix: string;
  values?: { fireAfterSeconds: number; recoverAfterSeconds: number };
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {DELAYS.map((delay) => (
        <InputField
          key={delay.name}
          id={`${idPrefix}-${delay.suffix}`}
          label={delay.label}
          hint={delay.hint}
          name={delay.name}
          fallback={String(values?.[delay.name] ?? DAMPING_DEFAULT_SECONDS)}
          type="number"
          min={0}
          max={86400}
        />
      ))}
    </div>
  );
}
