import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDocument } from "@/server/queries/docs";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";

type Params = { params: Promise<{ document: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await pageActor();
  return { title: (await getDocument((await params).document))?.title ?? "Guide" };
}

/** The installation's own guide that console text refers to ("see the integrations guide"). */
export default async function DocumentPage({ params }: Params) {
  await pageActor();
  const document = await getDocument((await params).document);
  if (!document) notFound();
  return <article className="prose-status max-w-3xl" dangerouslySetInnerHTML={{ __html: document.html }} />;
}
