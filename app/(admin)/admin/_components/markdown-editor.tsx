"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { previewMarkdown, type PreviewResult } from "@/app/(admin)/admin/_actions/preview-markdown";
import { fieldError, inputClass, valueOf } from "@/app/(admin)/admin/_components/form-bits";
import { useConsoleFormState } from "@/app/(admin)/admin/_components/console-form";

/**
 * A markdown textarea with a preview rendered on the server by the same sanitizer the public page uses; bound to its
 * console form like `InputField`.
 */
export function MarkdownEditor(props: {
  name: string;
  label: string;
  fallback?: string;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  sideBySide?: boolean;
}) {
  const id = useId();
  const state = useConsoleFormState();
  const error = fieldError(state, props.name);
  const [text, setText] = useState(valueOf(state, props.name, props.fallback));
  const [showPreview, setShowPreview] = useState(Boolean(props.sideBySide));
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [pending, startTransition] = useTransition();
  const errorId = `${id}-error`;
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = (value: string) =>
    startTransition(async () => {
      try {
        setPreview(await previewMarkdown(value));
      } catch {
        setPreview({ ok: false, error: "The preview is unavailable right now; your text is still here." });
      }
    });

  useEffect(() => {
    if (props.sideBySide) refresh(text);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the first render: later previews follow typing.
  }, []);

  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium">
          {props.label}
        </label>
        <button
          type="button"
          aria-pressed={showPreview}
          onClick={() => {
            const next = !showPreview;
            setShowPreview(next);
            if (next) refresh(text);
          }}
          className="rounded px-2 py-1 text-sm text-blue-700 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-blue-600 dark:text-blue-300"
        >
          {showPreview ? "Hide preview" : "Preview"}
        </button>
      </div>
      <div className={showPreview && props.sideBySide ? "grid grid-cols-1 gap-3 lg:grid-cols-2" : "space-y-3"}>
        <textarea
          id={id}
          name={props.name}
          rows={props.rows ?? 6}
          maxLength={props.maxLength}
          required={props.required}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (showPreview && props.sideBySide) {
              const value = event.target.value;
              if (debounce.current) clearTimeout(debounce.current);
              debounce.current = setTimeout(() => refresh(value), 300);
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`${inputClass} font-mono`}
        />
        {showPreview ? (
          <section
            aria-label="Preview"
            aria-busy={pending}
            className="min-h-24 rounded-md border border-dashed border-zinc-300 p-3 dark:border-zinc-700"
          >
            {preview === null ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Rendering…</p>
            ) : preview.ok ? (
              <div className="prose-status" dangerouslySetInnerHTML={{ __html: preview.html }} />
            ) : (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                {preview.error}
              </p>
            )}
          </section>
        ) : null}
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
