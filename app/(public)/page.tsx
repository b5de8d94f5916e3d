import { getPage } from "@/server/queries/public-status";

export default async function HomePage() {
  const page = await getPage();
  return <main className="p-6"><h1 className="text-2xl font-semibold">{page.name}</h1></main>;
}
