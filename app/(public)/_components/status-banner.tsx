import { StatusIcon } from "@/components/status-icon";
import { INDICATOR_TONE, TONE_SOLID } from "@/components/status-tone";
import type { StatusIndicator } from "@/lib/status";
import type { StatusHeadline } from "@/lib/status-headline";

export function StatusBanner({ indicator, headline }: { indicator: StatusIndicator; headline: StatusHeadline }) {
  const tone = headline.settingUp ? "neutral" : INDICATOR_TONE[indicator];
  return (
    <section
      aria-labelledby="overall-status"
      className={`flex items-center gap-3 rounded-lg px-5 py-4 ${TONE_SOLID[tone]}`}
    >
      <StatusIcon tone={tone} className="h-7 w-7 shrink-0" />
      <h2 id="overall-status" className="text-xl font-semibold">
        {headline.text}
      </h2>
    </section>
  );
}
