-- A postmortem's draft is kept apart from the published text readers see.
ALTER TABLE "postmortems" ADD COLUMN     "body_updated_at" TIMESTAMPTZ(3),
ADD COLUMN     "draft" TEXT,
ADD COLUMN     "draft_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "body" DROP NOT NULL;

-- Until now the one text was the draft and, once published, also the published text.
UPDATE "postmortems" SET "draft" = "body", "draft_updated_at" = "updated_at";
UPDATE "postmortems" SET "body_updated_at" = "updated_at" WHERE "published_at" IS NOT NULL;
UPDATE "postmortems" SET "body" = NULL WHERE "published_at" IS NULL;

ALTER TABLE "postmortems" ALTER COLUMN "draft" SET NOT NULL;
