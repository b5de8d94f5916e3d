-- CreateEnum
CREATE TYPE "ChatPlatform" AS ENUM ('slack', 'teams', 'discord', 'google_chat', 'mattermost');

-- CreateEnum
CREATE TYPE "AlertSource" AS ENUM ('alertmanager', 'grafana', 'generic');

-- CreateEnum
CREATE TYPE "AlertIncidentMode" AS ENUM ('none', 'draft', 'publish');

-- CreateTable
CREATE TABLE "chat_channels" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "platform" "ChatPlatform" NOT NULL,
    "webhook_url" TEXT NOT NULL,
    "events" TEXT[],
    "all_components" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_delivered_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chat_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat_channel_components" (
    "channel_id" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,

    CONSTRAINT "chat_channel_components_pkey" PRIMARY KEY ("channel_id","component_id")
);

-- CreateTable
CREATE TABLE "chat_deliveries" (
    "id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "last_status_code" INTEGER,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chat_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_integrations" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" "AlertSource" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "token_prefix" TEXT NOT NULL,
    "fire_after_seconds" INTEGER NOT NULL DEFAULT 60,
    "recover_after_seconds" INTEGER NOT NULL DEFAULT 60,
    "revoked_at" TIMESTAMPTZ(3),
    "last_received_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" TEXT NOT NULL,
    "integration_id" TEXT NOT NULL,
    "matchers" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,
    "firing_status" "ComponentStatus" NOT NULL,
    "override_incidents" BOOLEAN NOT NULL DEFAULT false,
    "incident_mode" "AlertIncidentMode" NOT NULL DEFAULT 'none',
    "incident_template_id" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_states" (
    "id" TEXT NOT NULL,
    "integration_id" TEXT NOT NULL,
    "rule_id" TEXT,
    "fingerprint" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,
    "target_status" "ComponentStatus" NOT NULL,
    "firing" BOOLEAN NOT NULL,
    "firing_since" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "summary" TEXT,
    "labels" JSONB NOT NULL,

    CONSTRAINT "alert_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "component_automations" (
    "component_id" TEXT NOT NULL,
    "baseline_status" "ComponentStatus" NOT NULL,
    "applied_status" "ComponentStatus",
    "yielded" BOOLEAN NOT NULL DEFAULT false,
    "incident_id" TEXT,
    "check_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "component_automations_pkey" PRIMARY KEY ("component_id")
);

-- CreateTable
CREATE TABLE "incident_drafts" (
    "id" TEXT NOT NULL,
    "component_id" TEXT,
    "component_name" TEXT NOT NULL,
    "integration_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "impact" "IncidentImpact" NOT NULL,
    "published_incident_id" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "chat_channels_created_at_idx" ON "chat_channels"("created_at");

-- CreateIndex
CREATE INDEX "chat_channel_components_component_id_idx" ON "chat_channel_components"("component_id");

-- CreateIndex
CREATE INDEX "chat_deliveries_status_next_attempt_at_idx" ON "chat_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "chat_deliveries_status_locked_until_idx" ON "chat_deliveries"("status", "locked_until");

-- CreateIndex
CREATE INDEX "chat_deliveries_channel_id_created_at_idx" ON "chat_deliveries"("channel_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "chat_deliveries_message_id_channel_id_key" ON "chat_deliveries"("message_id", "channel_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_integrations_token_hash_key" ON "alert_integrations"("token_hash");

-- CreateIndex
CREATE INDEX "alert_rules_integration_id_position_idx" ON "alert_rules"("integration_id", "position");

-- CreateIndex
CREATE INDEX "alert_rules_component_id_idx" ON "alert_rules"("component_id");

-- CreateIndex
CREATE INDEX "alert_states_component_id_idx" ON "alert_states"("component_id");

-- CreateIndex
CREATE INDEX "alert_states_rule_id_idx" ON "alert_states"("rule_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_states_integration_id_component_id_fingerprint_key" ON "alert_states"("integration_id", "component_id", "fingerprint");

-- CreateIndex
CREATE INDEX "component_automations_check_at_idx" ON "component_automations"("check_at");

-- CreateIndex
CREATE INDEX "incident_drafts_closed_at_created_at_idx" ON "incident_drafts"("closed_at", "created_at");

-- AddForeignKey
ALTER TABLE "chat_channel_components" ADD CONSTRAINT "chat_channel_components_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "chat_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_channel_components" ADD CONSTRAINT "chat_channel_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_deliveries" ADD CONSTRAINT "chat_deliveries_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "outbox_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_deliveries" ADD CONSTRAINT "chat_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "chat_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "alert_integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_incident_template_id_fkey" FOREIGN KEY ("incident_template_id") REFERENCES "message_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_states" ADD CONSTRAINT "alert_states_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "alert_integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_states" ADD CONSTRAINT "alert_states_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_states" ADD CONSTRAINT "alert_states_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "component_automations" ADD CONSTRAINT "component_automations_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;
