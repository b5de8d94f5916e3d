import type { Metadata } from "next";
import { ComponentUptimePage, componentUptimeMetadata } from "@/app/(public)/_components/component-uptime-page";

type Props = { params: Promise<{ componentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return componentUptimeMetadata((await params).componentId);
}

export default async function ComponentUptime({ params }: Props) {
  return <ComponentUptimePage componentId={(await params).componentId} />;
}
