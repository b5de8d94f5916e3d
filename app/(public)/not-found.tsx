import type { Metadata } from "next";
import { NotFoundContent } from "@/app/(public)/_components/not-found-content";

export const metadata: Metadata = { title: "Page not found", description: "This page does not exist." };

// Shown inside the public layout when a public page calls notFound(), for example an unknown incident.
export default function PublicNotFound() {
  return <NotFoundContent />;
}
