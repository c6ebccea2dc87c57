-- Enforcement cases get their own record (诉转案 is not a received report); a new complaint can link to the
-- closed one it follows up (there is no statutory reopening).

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('VERIFYING', 'FILED', 'NOT_FILED', 'DECIDED');

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN "previous_complaint_id" TEXT;

-- CreateTable
CREATE TABLE "enforcement_case" (
    "id" TEXT NOT NULL,
    "case_number" TEXT NOT NULL,
    "origin_complaint_id" TEXT NOT NULL,
    "origin_kind" "ComplaintKind" NOT NULL,
    "status" "CaseStatus" NOT NULL,
    "station_id" TEXT,
    "opened_at" TIMESTAMP(3) NOT NULL,
    "filed_at" TIMESTAMP(3),
    "filing_note" TEXT,
    "not_filed_at" TIMESTAMP(3),
    "not_filed_reason" TEXT,
    "decided_at" TIMESTAMP(3),
    "decision_date" DATE,
    "penalty_fen" BIGINT,
    "legacy_ticket_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "enforcement_case_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "enforcement_case_case_number_key" ON "enforcement_case"("case_number");
CREATE UNIQUE INDEX "enforcement_case_origin_complaint_id_key" ON "enforcement_case"("origin_complaint_id");
CREATE UNIQUE INDEX "enforcement_case_legacy_ticket_id_key" ON "enforcement_case"("legacy_ticket_id");
CREATE INDEX "enforcement_case_station_id_filed_at_idx" ON "enforcement_case"("station_id", "filed_at");
CREATE INDEX "enforcement_case_filed_at_idx" ON "enforcement_case"("filed_at");
CREATE INDEX "enforcement_case_decided_at_idx" ON "enforcement_case"("decided_at");

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_previous_complaint_id_fkey" FOREIGN KEY ("previous_complaint_id") REFERENCES "complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "enforcement_case" ADD CONSTRAINT "enforcement_case_origin_complaint_id_fkey" FOREIGN KEY ("origin_complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "enforcement_case" ADD CONSTRAINT "enforcement_case_legacy_ticket_id_fkey" FOREIGN KEY ("legacy_ticket_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "enforcement_case" ADD CONSTRAINT "enforcement_case_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Data: a case opened from a complaint used to be a REPORT ticket in CASE_FILED with form id 'case:<origin id>'.
-- It becomes a case row keeping the number staff knew it by; the old ticket stays (its events are append-only)
-- as the case's early history, and is left out of statistics and the consumer's lists (origin_id is set).
INSERT INTO "enforcement_case" ("id", "case_number", "origin_complaint_id", "origin_kind", "status", "station_id", "opened_at", "filed_at", "legacy_ticket_id", "created_at", "updated_at")
SELECT gen_random_uuid()::text, t."tracking_number", t."origin_id", o."kind", 'FILED', t."station_id", t."submitted_at", t."submitted_at", t."id", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
  FROM "complaint" t
  JOIN "complaint" o ON o."id" = t."origin_id"
 WHERE t."kind" = 'REPORT' AND t."form_id" LIKE 'case:%'
ON CONFLICT DO NOTHING;

-- A report already filed (立案) gets its case row too, so that cases and 罚没金额 are counted from one place.
INSERT INTO "enforcement_case" ("id", "case_number", "origin_complaint_id", "origin_kind", "status", "station_id", "opened_at", "filed_at", "created_at", "updated_at")
SELECT gen_random_uuid()::text, r."tracking_number" || '-AJ', r."id", 'REPORT', 'FILED', r."station_id", f."at", f."at", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
  FROM "complaint" r
  CROSS JOIN LATERAL (
    SELECT COALESCE(max(e."created_at"), r."updated_at") AS "at" FROM "complaint_event" e
     WHERE e."complaint_id" = r."id" AND e."action" = 'FILE_CASE'
  ) f
 WHERE r."kind" = 'REPORT' AND r."status" = 'CASE_FILED' AND r."origin_id" IS NULL
ON CONFLICT DO NOTHING;
