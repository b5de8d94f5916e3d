"use client";

import { CheckboxField, InputField, SelectField, TextAreaField } from "@/app/(admin)/admin/_components/form-bits";
import { EnumOptions, RecordOptions } from "@/app/(admin)/admin/_components/options";
import {
  METRIC_INTERVAL_SECONDS,
  METRIC_LIMITS,
  METRIC_RANGE_LABELS,
  METRIC_RANGES,
  METRIC_TRANSFORMS,
  type MetricTransform,
} from "@/lib/metrics";
import { LIMITS } from "@/lib/status";
import type { AdminMetric } from "@/server/queries/admin-metrics";

const TRANSFORM_LABELS: Record<MetricTransform, string> = {
  average: "Average",
  count: "Count",
  max: "Maximum",
  min: "Minimum",
  sum: "Sum",
};

/** The form's values: a metric's editable fields, as its edit read gives them. */
export type MetricValues = Omit<AdminMetric, "id" | "providerId" | "providerType" | "version">;

export const NEW_METRIC: MetricValues = {
  name: "",
  metricIdentifier: "",
  transform: "average",
  suffix: "",
  decimalPlaces: 0,
  yAxisMin: null,
  yAxisMax: null,
  yAxisHidden: false,
  display: true,
  tooltipDescription: null,
  defaultRange: "day",
  componentId: null,
  intervalSeconds: METRIC_INTERVAL_SECONDS.default,
};

const numberText = (value: number | null) => (value === null ? "" : String(value));

/** The fields a metric is added and edited with; the query and interval only for a Prometheus metric. */
export function MetricFields({
  values,
  prometheus,
  components,
}: {
  values: MetricValues;
  prometheus: boolean;
  components: { id: string; name: string }[];
}) {
  return (
    <>
      <InputField id="metric-name" label="Name" name="name" fallback={values.name} maxLength={LIMITS.nameMax} />
      {prometheus ? (
        <>
          <TextAreaField
            id="metric-query"
            label="PromQL expression"
            hint="Must return one series, e.g. histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) * 1000"
            name="metricIdentifier"
            fallback={values.metricIdentifier}
            rows={3}
            maxLength={METRIC_LIMITS.identifierMax}
            className="font-mono"
            spellCheck={false}
          />
          <InputField
            id="metric-interval"
            label="Poll interval (seconds)"
            hint={`Also the query's step; ${METRIC_INTERVAL_SECONDS.min} to ${METRIC_INTERVAL_SECONDS.max}.`}
            name="intervalSeconds"
            type="number"
            inputMode="numeric"
            min={METRIC_INTERVAL_SECONDS.min}
            max={METRIC_INTERVAL_SECONDS.max}
            fallback={String(values.intervalSeconds)}
          />
        </>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <InputField
          id="metric-suffix"
          label="Unit suffix"
          hint="Shown after each value, e.g. ms or %."
          name="suffix"
          fallback={values.suffix}
          maxLength={METRIC_LIMITS.suffixMax}
        />
        <InputField
          id="metric-decimals"
          label="Decimal places"
          name="decimalPlaces"
          type="number"
          inputMode="numeric"
          min={0}
          max={METRIC_LIMITS.decimalPlacesMax}
          fallback={String(values.decimalPlaces)}
        />
        <SelectField
          id="metric-transform"
          label="Transform"
          hint="How the points in one bar of the chart become one value."
          name="transform"
          fallback={values.transform}
        >
          <EnumOptions values={METRIC_TRANSFORMS} labels={TRANSFORM_LABELS} />
        </SelectField>
        <SelectField
          id="metric-range"
          label="Display range"
          hint="The range readers see first."
          name="defaultRange"
          fallback={values.defaultRange}
        >
          <EnumOptions values={METRIC_RANGES} labels={METRIC_RANGE_LABELS} />
        </SelectField>
        <InputField
          id="metric-y-min"
          label="Y-axis minimum"
          hint="Blank: from the data."
          name="yAxisMin"
          type="number"
          step="any"
          fallback={numberText(values.yAxisMin)}
        />
        <InputField
          id="metric-y-max"
          label="Y-axis maximum"
          hint="Blank: from the data."
          name="yAxisMax"
          type="number"
          step="any"
          fallback={numberText(values.yAxisMax)}
        />
      </div>
      <CheckboxField name="yAxisHidden" fallback={values.yAxisHidden}>
        Hide the y axis
      </CheckboxField>
      <TextAreaField
        id="metric-tooltip"
        label="Tooltip description"
        hint="Optional; readers see it beside the metric's name."
        name="tooltipDescription"
        fallback={values.tooltipDescription ?? ""}
        rows={2}
        maxLength={LIMITS.descriptionMax}
      />
      <SelectField id="metric-component" label="Component" name="componentId" fallback={values.componentId ?? ""}>
        <option value="">None: every incident is marked</option>
        <RecordOptions records={components} />
      </SelectField>
      <CheckboxField name="display" fallback={values.display}>
        Show on the public page
      </CheckboxField>
    </>
  );
}
