import type { ComponentProps } from "react";
import { InputField } from "@/app/(admin)/admin/_components/form-bits";

/** An `InputField` for a moment to the second; the console shows and reads these in UTC (see `utcInput`). */
export function UtcDateTimeField(props: Omit<ComponentProps<typeof InputField>, "type" | "step">) {
  return <InputField {...props} type="datetime-local" step="1" />;
}
