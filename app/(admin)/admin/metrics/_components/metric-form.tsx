"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { FormMessage, SelectField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { createMetricAction, updateMetricAction } from "@/app/(admin)/admin/metrics/actions";
import { previewMetricChartAction, type MetricPreview } from "@/app/(admin)/admin/metrics/preview-action";
import { MetricFields, type MetricValues } from "@/app/(admin)/admin/metrics/_components/metric-fields";

const PREVIEW_DELAY_MS = 300;

type Source = { id: string; label: string; prometheus: boolean };

/**
 * Adds a metric (with `sources` to pick from) or edits one (`metric`). Beside the fields, a preview of the chart as the
 * fields now stand, redrawn by the server a moment after each change.
 */
export function MetricForm({
  sources,
  metric,
  values,
  components,
}: {
  sources?: Source[];
  metric?: { id: string; version: number; providerId: string; prometheus: boolean };
  values: MetricValues;
  components: { id: string; name: string }[];
}) {
  const [state, action] = useConsoleAction(metric ? updateMetricAction : createMetricAction);
  const [sourceId, setSourceId] = useState(metric?.providerId ?? sources?.[0]?.id ?? "");
  const prometheus = metric ? metric.prometheus : (sources?.find((s) => s.id === sourceId)?.prometheus ?? false);
  const fieldsRef = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<MetricPreview | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestRequest = useRef(0);

  const redraw = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const form = fieldsRef.current?.querySelector("form");
      if (!form) return;
      const request = ++latestRequest.current;
      const result = await previewMetricChartAction(new FormData(form)).catch((): MetricPreview => ({
        ok: false,
        message: "The preview could not be drawn; try again.",
      }));
      if (request === latestRequest.current) setPreview(result);
    }, PREVIEW_DELAY_MS);
  }, []);

  useEffect(() => {
    redraw();
    return () => clearTimeout(timer.current);
  }, [redraw, sourceId]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div ref={fieldsRef}>
        <ConsoleForm action={action} state={state} className="space-y-3" onInput={redraw} onChange={redraw}>
          <HiddenFields
            values={metric ? { metricId: metric.id, version: metric.version, providerId: metric.providerId } : {}}
          />
          <FormMessage state={state} />
          {sources ? (
            <SelectField
              id="metric-source"
              label="Source"
              name="providerId"
              fallback={sourceId}
              onChange={(event) => setSourceId(event.currentTarget.value)}
            >
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {source.label}
                </option>
              ))}
            </SelectField>
          ) : null}
          <MetricFields values={values} prometheus={prometheus} components={components} />
          <SubmitButton>{metric ? "Save metric" : "Add metric"}</SubmitButton>
        </ConsoleForm>
      </div>
      <section
        aria-labelledby="metric-preview-heading"
        className="order-first space-y-2 lg:sticky lg:top-4 lg:order-none lg:self-start"
      >
        <h2 id="metric-preview-heading" className="text-lg font-semibold">
          Preview
        </h2>
        <div
          aria-live="polite"
          aria-busy={preview === null}
          className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
        >
          {preview === null ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Drawing the preview…</p>
          ) : preview.ok ? (
            <figure className="space-y-2">
              {/* eslint-disable-next-line @next/next/no-img-element -- an SVG drawn per request, not an asset to optimise */}
              <img
                data-testid="metric-preview"
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}`}
                alt={preview.description}
                className="h-auto w-full"
              />
              <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">{preview.source}</figcaption>
            </figure>
          ) : (
            <p className="text-sm text-red-700 dark:text-red-400">{preview.message}</p>
          )}
        </div>
      </section>
    </div>
  );
}
