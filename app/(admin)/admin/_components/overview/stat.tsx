import { noteClass } from "@/app/(admin)/admin/_components/overview/overview-styles";

/** One figure of a `<dl>`: its label above, the number below. */
export function Stat({ label, value, className }: { label: string; value: number; className: string }) {
  return (
    <div>
      <dt className={noteClass}>{label}</dt>
      <dd className={className}>{value}</dd>
    </div>
  );
}
