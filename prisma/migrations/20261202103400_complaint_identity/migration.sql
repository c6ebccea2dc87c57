-- What a complaint must contain (old Art. 9 / new Art. 10, Order 121): mailing address, identity document, the
-- daily-life-use confirmation. Older rows keep NULL: they were filed before the form asked.
CREATE TYPE "IdDocumentType" AS ENUM ('RESIDENT_ID', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'PASSPORT', 'FOREIGN_PERMANENT_RESIDENT', 'OTHER');

ALTER TABLE "complaint"
  ADD COLUMN "for_daily_life" BOOLEAN,
  ADD COLUMN "mailing_address" TEXT,
  ADD COLUMN "id_type" "IdDocumentType",
  ADD COLUMN "id_number_encrypted" TEXT,
  ADD COLUMN "id_number_masked" TEXT;

-- "anonymous" meant "hide my identity from the business"; it now means 匿名举报 (no identity collected). Every
-- report filed before gave a name and phone, so each is a 实名举报.
UPDATE "complaint" SET "anonymous" = false WHERE "anonymous";
