"use client";

import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { removeDemoAction } from "@/app/(admin)/admin/_actions/remove-demo";

/** Opening the disclosure is the confirmation step: it says what goes and what stays before the button appears. */
export function RemoveDemoForm({ summary }: { summary: string }) {
  return (
    <Disclosure summary="Remove the demo" contentClassName="space-y-2 pt-3">
      <p className="text-sm">
        This deletes {summary}, from the console and from every public surface. Components, incidents and settings you
        made yourself stay.
      </p>
      <ButtonForm action={removeDemoAction} fields={{}} variant="danger" pendingLabel="Removing…">
        Yes, remove the demo data
      </ButtonForm>
    </Disclosure>
  );
}
