import "server-only";
import type { ChatTone } from "@/server/notifications/chat/chat-message";

export const TONE_HEX: Record<ChatTone, string> = {
  critical: "#d92d20",
  major: "#ea580c",
  minor: "#ca8a04",
  none: "#4b5563",
  maintenance: "#2563eb",
  resolved: "#16a34a",
};

export const TONE_EMOJI: Record<ChatTone, string> = {
  critical: "🔴",
  major: "🟠",
  minor: "🟡",
  none: "⚪",
  maintenance: "🔵",
  resolved: "🟢",
};

export function toneInteger(tone: ChatTone): number {
  return Number.parseInt(TONE_HEX[tone].slice(1), 16);
}
