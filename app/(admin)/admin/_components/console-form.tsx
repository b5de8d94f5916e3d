"use client";

import {
  createContext,
  startTransition,
  useActionState,
  useContext,
  useEffect,
  useRef,
  useState,
  type ComponentProps,
  type FormEvent,
  type ReactNode,
} from "react";
import { usePathname } from "next/navigation";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

type Notice = { id: number; message: string };

const NoticeContext = createContext<(message: string) => void>(() => {});
const FormStateContext = createContext<ActionState>(null);

/** The last result of the console form a field sits in, for the field's error and what was sent. */
export function useConsoleFormState(): ActionState {
  return useContext(FormStateContext);
}

/** The console's one live region: the last action's outcome, visible wherever the responder scrolled to. */
export function ConsoleNotices({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const pathname = usePathname();
  const shownOn = useRef(pathname);
  useEffect(() => {
    if (shownOn.current !== pathname) setNotice(null);
  }, [pathname]);
  const announce = (message: string) => {
    shownOn.current = pathname;
    setNotice((previous) => ({ id: (previous?.id ?? 0) + 1, message }));
  };
  return (
    <NoticeContext.Provider value={announce}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex justify-center px-4 sm:justify-end">
        <div role="status" aria-live="polite" className="pointer-events-auto max-w-md">
          {notice ? (
            <p
              key={notice.id}
              className="flex items-start gap-3 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 shadow-lg dark:border-green-800 dark:bg-green-950 dark:text-green-100"
            >
              <span aria-hidden="true">✓</span>
              <span className="flex-1">{notice.message}</span>
              <button
                type="button"
                onClick={() => setNotice(null)}
                className="rounded px-1 text-green-900 hover:bg-green-100 focus-visible:ring-2 focus-visible:ring-green-700 dark:text-green-100 dark:hover:bg-green-900"
              >
                <span aria-hidden="true">×</span>
                <span className="sr-only">Dismiss</span>
              </button>
            </p>
          ) : null}
        </div>
      </div>
    </NoticeContext.Provider>
  );
}

/**
 * useActionState for console forms: a success is announced in the console's live region, and with
 * `clearOnSuccess` the returned key changes so an "add" form starts empty again.
 */
export function useConsoleAction<S extends ActionState>(
  formAction: (previous: S, formData: FormData) => Promise<S>,
  options: { clearOnSuccess?: boolean } = {},
) {
  const announce = useContext(NoticeContext);
  const [resetKey, setResetKey] = useState(0);
  const [state, action] = useActionState<S, FormData>(async (previous: S, formData: FormData) => {
    const next = await formAction(previous, formData);
    if (next?.ok) {
      if (next.message) announce(next.message);
      if (options.clearOnSuccess) setResetKey((key) => key + 1);
    }
    return next;
  }, null as Awaited<S>);
  return [state, action, resetKey] as const;
}

/** Opens any closed disclosure around `element` so it can take focus. */
function reveal(element: HTMLElement) {
  for (let details = element.closest("details"); details; details = details.parentElement?.closest("details") ?? null)
    details.open = true;
}

export function focusField(form: HTMLFormElement | null, name: string) {
  const field =
    form?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]:not([type=hidden])`) ??
    form?.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
  if (!field) return false;
  reveal(field);
  field.focus();
  return true;
}

/**
 * A console form. It submits through a transition rather than React's form action so that a refused submit leaves
 * every field exactly as the responder set it (React resets uncontrolled selects and checkboxes after an action).
 * After a refusal, focus moves to the first invalid field, or to the error message when no field is to blame.
 * Bound fields inside read their error and sent value from `state`.
 */
export function ConsoleForm({
  action,
  state,
  children,
  ...props
}: { action: (formData: FormData) => void; state: ActionState; children: ReactNode } & Omit<
  ComponentProps<"form">,
  "action" | "onSubmit"
>) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state || state.ok) return;
    const form = ref.current;
    const firstInvalid = Object.keys(state.fieldErrors ?? {}).length
      ? form?.querySelector<HTMLElement>('[aria-invalid="true"]')
      : null;
    if (firstInvalid) {
      reveal(firstInvalid);
      firstInvalid.focus();
      return;
    }
    const named = Object.keys(state.fieldErrors ?? {}).some((name) => focusField(form, name));
    if (!named) form?.querySelector<HTMLElement>("[data-form-error]")?.focus();
  }, [state]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => action(formData));
  };
  return (
    <form ref={ref} {...props} action={action} onSubmit={submit} noValidate>
      <FormStateContext.Provider value={state}>{children}</FormStateContext.Provider>
    </form>
  );
}
