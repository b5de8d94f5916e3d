-- CreateEnum
CREATE TYPE "SubscriberKind" AS ENUM ('email', 'webhook');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sending', 'delivered', 'failed', 'dead');

-- CreateTable
CREATE TABLE "subscribers" (
    "id" TEXT NOT NULL,
    "kind" "SubscriberKind" NOT NULL,
    "email" TEXT,
    "endpoint" TEXT,
    "signing_secret" TEXT,
    "address_key" TEXT,
    "confirm_token_hash" TEXT,
    "manage_token" TEXT NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "unsubscribed_at" TIMESTAMPTZ(3),
    "all_components" BOOLEAN NOT NULL DEFAULT true,
    "incident_id" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscribers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriber_components" (
    "subscriber_id" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,

    CONSTRAINT "subscriber_components_pkey" PRIMARY KEY ("subscriber_id","component_id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "incident_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "subscriber_id" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "id" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscribers_address_key_key" ON "subscribers"("address_key");

-- CreateIndex
CREATE UNIQUE INDEX "subscribers_confirm_token_hash_key" ON "subscribers"("confirm_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "subscribers_manage_token_key" ON "subscribers"("manage_token");

-- CreateIndex
CREATE INDEX "subscribers_kind_confirmed_at_idx" ON "subscribers"("kind", "confirmed_at");

-- CreateIndex
CREATE INDEX "subscribers_incident_id_idx" ON "subscribers"("incident_id");

-- CreateIndex
CREATE INDEX "subscribers_created_at_idx" ON "subscribers"("created_at" DESC);

-- CreateIndex
CREATE INDEX "subscriber_components_component_id_idx" ON "subscriber_components"("component_id");

-- CreateIndex
CREATE INDEX "outbox_messages_created_at_idx" ON "outbox_messages"("created_at" DESC);

-- CreateIndex
CREATE INDEX "deliveries_status_next_attempt_at_idx" ON "deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "deliveries_status_locked_until_idx" ON "deliveries"("status", "locked_until");

-- CreateIndex
CREATE INDEX "deliveries_subscriber_id_created_at_idx" ON "deliveries"("subscriber_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_message_id_subscriber_id_key" ON "deliveries"("message_id", "subscriber_id");

-- CreateIndex
CREATE INDEX "delivery_attempts_delivery_id_at_idx" ON "delivery_attempts"("delivery_id", "at");

-- AddForeignKey
ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_components" ADD CONSTRAINT "subscriber_components_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_components" ADD CONSTRAINT "subscriber_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "outbox_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
