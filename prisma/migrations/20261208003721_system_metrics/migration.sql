-- CreateEnum
CREATE TYPE "MetricsProviderType" AS ENUM ('self', 'prometheus');

-- CreateEnum
CREATE TYPE "MetricTransform" AS ENUM ('average', 'count', 'max', 'min', 'sum');

-- CreateEnum
CREATE TYPE "MetricRange" AS ENUM ('day', 'week', 'month');

-- CreateEnum
CREATE TYPE "MetricResolution" AS ENUM ('minute', 'hour', 'day');

-- CreateTable
CREATE TABLE "metrics_providers" (
    "id" TEXT NOT NULL,
    "type" "MetricsProviderType" NOT NULL,
    "base_url" TEXT,
    "authorization_sealed" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "last_revalidated_at" TIMESTAMPTZ(3),
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "metrics_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metrics" (
    "id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "metric_identifier" TEXT NOT NULL DEFAULT '',
    "transform" "MetricTransform" NOT NULL DEFAULT 'average',
    "suffix" TEXT NOT NULL DEFAULT '',
    "decimal_places" INTEGER NOT NULL DEFAULT 0,
    "y_axis_min" DOUBLE PRECISION,
    "y_axis_max" DOUBLE PRECISION,
    "y_axis_hidden" BOOLEAN NOT NULL DEFAULT false,
    "display" BOOLEAN NOT NULL DEFAULT true,
    "tooltip_description" TEXT,
    "default_range" "MetricRange" NOT NULL DEFAULT 'day',
    "component_id" TEXT,
    "position" INTEGER NOT NULL,
    "interval_seconds" INTEGER NOT NULL DEFAULT 60,
    "most_recent_data_at" TIMESTAMPTZ(3),
    "last_fetched_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_poll_at" TIMESTAMPTZ(3),
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_points" (
    "metric_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(0) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "metric_points_pkey" PRIMARY KEY ("metric_id","at")
);

-- CreateTable
CREATE TABLE "metric_rollups" (
    "metric_id" TEXT NOT NULL,
    "resolution" "MetricResolution" NOT NULL,
    "bucket" TIMESTAMPTZ(0) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "metric_rollups_pkey" PRIMARY KEY ("metric_id","resolution","bucket")
);

-- CreateIndex
CREATE INDEX "metrics_position_idx" ON "metrics"("position");

-- CreateIndex
CREATE INDEX "metrics_provider_id_idx" ON "metrics"("provider_id");

-- CreateIndex
CREATE INDEX "metrics_next_poll_at_idx" ON "metrics"("next_poll_at");

-- AddForeignKey
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "metrics_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_metric_id_fkey" FOREIGN KEY ("metric_id") REFERENCES "metrics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_rollups" ADD CONSTRAINT "metric_rollups_metric_id_fkey" FOREIGN KEY ("metric_id") REFERENCES "metrics"("id") ON DELETE CASCADE ON UPDATE CASCADE;
