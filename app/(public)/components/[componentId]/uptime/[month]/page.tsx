import type { Metadata } from "next";
import { ComponentUptimePage, componentUptimeMetadata } from "@/app/(public)/_components/component-uptime-page";

type Props = { params: Promise<{ componentId: string; month: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { componentId, month } = await params;
  return componentUptimeMetadata(componentId, month);
}

/** The screen of months ending with `month` (YYYY-MM). */
export default async function ComponentUptimeMonths({ params }: Props) {
  const { componentId, month } = await params;
  return <ComponentUptimePage componentId={componentId} month={month} />;
}
