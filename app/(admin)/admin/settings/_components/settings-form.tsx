"use client";

import { FormMessage, InputField, SubmitButton, TextAreaField } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { updateSettingsAction } from "@/app/(admin)/admin/settings/actions";

type Settings = Record<"name" | "url" | "timeZone" | "brandColor", string> &
  Record<
    | "logoUrl"
    | "faviconUrl"
    | "companyUrl"
    | "supportUrl"
    | "contactEmail"
    | "twitter"
    | "privacyUrl"
    | "footerText"
    | "description",
    string | null
  > & { version: number };

type SettingsField = { name: keyof Settings; label: string; type?: string; hint?: string; multiline?: boolean };

const FIELDS: SettingsField[] = [
  { name: "name", label: "Page name" },
  { name: "companyUrl", label: "Company website", type: "url", hint: "Your main site, linked from the page's footer." },
  { name: "timeZone", label: "Time zone", hint: "IANA name, such as Europe/Berlin." },
  { name: "brandColor", label: "Brand colour", hint: "Hex, such as #2563eb." },
  { name: "logoUrl", label: "Logo URL", type: "url" },
  { name: "faviconUrl", label: "Favicon URL", type: "url" },
  { name: "supportUrl", label: "Support URL", type: "url" },
  { name: "contactEmail", label: "Contact email", type: "email" },
  { name: "twitter", label: "Twitter / X handle" },
  { name: "privacyUrl", label: "Privacy policy URL", type: "url" },
  { name: "description", label: "Description", multiline: true },
  { name: "footerText", label: "Footer text", multiline: true },
];

export function SettingsForm({ settings, defaultAddress }: { settings: Settings; defaultAddress: string }) {
  const addressField: SettingsField = {
    name: "url",
    label: "Status page address",
    type: "url",
    hint: `Where visitors reach this status page; used in feeds, emails, embed snippets and API links. Leave empty to use ${defaultAddress} (PUBLIC_URL).`,
  };
  const [state, action] = useConsoleAction(updateSettingsAction);
  const bound = (field: SettingsField) => ({
    id: `settings-${field.name}`,
    label: field.label,
    hint: field.hint,
    name: field.name,
    fallback: String(settings[field.name] ?? ""),
  });
  return (
    <ConsoleForm action={action} state={state} className="space-y-4">
      <HiddenFields values={{ version: settings.version }} />
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        {[addressField, ...FIELDS].map((field) => (
          <div key={field.name} className={field.multiline || field === addressField ? "sm:col-span-2" : undefined}>
            {field.multiline ? (
              <TextAreaField {...bound(field)} rows={2} />
            ) : (
              <InputField {...bound(field)} type={field.type ?? "text"} />
            )}
          </div>
        ))}
      </div>
      <SubmitButton>Save settings</SubmitButton>
    </ConsoleForm>
  );
}
