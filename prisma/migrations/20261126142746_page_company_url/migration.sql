-- AlterTable
ALTER TABLE "page_settings" ADD COLUMN     "company_url" TEXT;


-- Demo seeds stored this placeholder whatever the port. An empty address falls back to PUBLIC_URL.
UPDATE "page_settings" SET "url" = '' WHERE "url" = 'http://localhost:3000';
