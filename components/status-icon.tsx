import type { Tone } from "@/components/status-tone";

const PATHS: Record<Tone, string> = {
  ok: "M5 10.5l3.2 3.2L15 7",
  degraded: "M6 10h8",
  partial: "M10 5.5v5.5M10 14.2v.3",
  major: "M6.5 6.5l7 7M13.5 6.5l-7 7",
  maintenance: "M10 5.5V10l3 2",
  neutral: "M6 10h8",
};

/** One hidden sprite per page; every status icon refers to it, which keeps repeated icons to a few bytes. */
export function StatusIconSprite() {
  return (
    <svg aria-hidden="true" focusable="false" width="0" height="0" className="absolute h-0 w-0 overflow-hidden">
      {(Object.keys(PATHS) as Tone[]).map((tone) => (
        <symbol key={tone} id={`sp-${tone}`} viewBox="0 0 20 20">
          <circle cx="10" cy="10" r="9" fill="currentColor" opacity="0.15" />
          <circle cx="10" cy="10" r="9" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path
            d={PATHS[tone]}
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </symbol>
      ))}
    </svg>
  );
}

/** A decorative shape per tone so status never relies on colour alone; the text next to it carries the meaning. */
export function StatusIcon({ tone, className = "sp-icon" }: { tone: Tone; className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" className={className}>
      <use href={`#sp-${tone}`} />
    </svg>
  );
}
