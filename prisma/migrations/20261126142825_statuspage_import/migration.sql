-- AlterTable
ALTER TABLE "page_settings" ADD COLUMN     "statuspage_page_id" TEXT;

-- CreateTable
CREATE TABLE "import_records" (
    "object_type" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "local_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_records_pkey" PRIMARY KEY ("object_type","source_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "page_settings_statuspage_page_id_key" ON "page_settings"("statuspage_page_id");
