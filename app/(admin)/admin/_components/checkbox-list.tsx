import type { ReactNode } from "react";

/** Checkboxes that all send `name`, one value each; those in `chosen` start ticked. */
export function CheckboxList({
  name,
  options,
  chosen,
  className = "grid gap-1 sm:grid-cols-2",
  inputClassName,
}: {
  name: string;
  options: { value: string; label: ReactNode }[];
  chosen: readonly string[];
  className?: string;
  inputClassName?: string;
}) {
  return (
    <div className={className}>
      {options.map((option) => (
        <label key={option.value} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            defaultChecked={chosen.includes(option.value)}
            className={inputClassName}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
