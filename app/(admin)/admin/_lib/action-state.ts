export type ActionState = {
  ok: boolean;
  message?: string;
  formError?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  lists?: Record<string, string[]>;
} | null;
