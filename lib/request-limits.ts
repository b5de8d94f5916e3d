/** Largest form a server action accepts (Next's own default, stated once so the refusal can say it). */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export const ACTION_BODY_TOO_LARGE =
  "The form is too large to send (the limit is 1 MB). Shorten the text and try again.";
