import "server-only";
import type { AnyIncidentStatus } from "@/lib/status";

/** The text of an update posted without one, by the status it sets. */
export const DEFAULT_UPDATE_BODY: Record<AnyIncidentStatus, string> = {
  investigating: "We are investigating this issue.",
  identified: "The issue has been identified and a fix is being implemented.",
  monitoring: "A fix has been implemented and we are monitoring the results.",
  resolved: "This incident has been resolved.",
  postmortem: "This incident has been resolved.",
  scheduled: "This maintenance is scheduled.",
  in_progress: "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
  verifying: "Verification is currently underway for the maintenance items.",
  completed: "The scheduled maintenance has been completed.",
};
