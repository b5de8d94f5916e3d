export type SubscribeState =
  | null
  | { ok: true; kind: "email"; email: string }
  | { ok: true; kind: "webhook"; signingSecret: string; manageUrl: string }
  | { ok: true; kind: "saved"; message: string }
  | {
      ok: false;
      formError: string;
      fieldErrors?: Record<string, string[]>;
      values?: Record<string, string | string[]>;
    };
