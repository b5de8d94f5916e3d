-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "backfilled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "impact_override" "IncidentImpact",
ADD COLUMN     "metadata" JSONB,
ADD COLUMN     "scheduled_auto_completed" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "scheduled_auto_in_progress" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "scheduled_remind_prior" BOOLEAN NOT NULL DEFAULT false;
