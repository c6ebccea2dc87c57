-- Statistics (issue 15): the decision instant of a ticket, indexes for period queries, and the record of posted
-- work summaries.

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN "decided_at" TIMESTAMP(3);

-- Backfill: the first acceptance decision (complaint) or filing decision (report) recorded in the history.
UPDATE "complaint" AS c SET "decided_at" = d.at
FROM (
  SELECT e."complaint_id", min(e."created_at") AS at
  FROM "complaint_event" e JOIN "complaint" t ON t."id" = e."complaint_id"
  WHERE (t."kind" = 'COMPLAINT' AND e."action" IN ('ACCEPT', 'REJECT'))
     OR (t."kind" = 'REPORT' AND e."action" IN ('FILE_CASE', 'NOT_FILE'))
  GROUP BY e."complaint_id"
) AS d
WHERE c."id" = d."complaint_id";

-- CreateTable
CREATE TABLE "summary_posting" (
    "id" BIGSERIAL NOT NULL,
    "period_key" TEXT NOT NULL,
    "scope_key" TEXT NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "summary_posting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "complaint_submitted_at_idx" ON "complaint"("submitted_at");

-- CreateIndex
CREATE INDEX "complaint_station_id_submitted_at_idx" ON "complaint"("station_id", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "summary_posting_period_key_scope_key_chat_id_key" ON "summary_posting"("period_key", "scope_key", "chat_id");
