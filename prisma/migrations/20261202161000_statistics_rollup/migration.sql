-- Statistics rollup (issue 15, at a million complaints): the figures of whole calendar months per station, kept
-- exact by a log of changed days that a trigger writes and the rollup job consumes (docs/statistics.md).

-- CreateTable
CREATE TABLE "statistics_month" (
    "month" DATE NOT NULL,
    "facet" TEXT NOT NULL,
    "station_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key1" TEXT NOT NULL,
    "key2" TEXT NOT NULL,
    "tickets" INTEGER NOT NULL,
    "online" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "not_accepted" INTEGER NOT NULL,
    "settled_locally" INTEGER NOT NULL,
    "escalated" INTEGER NOT NULL,
    "agreed" INTEGER NOT NULL,
    "ended" INTEGER NOT NULL,
    "recovered_fen" BIGINT NOT NULL,
    "rating_sum" INTEGER NOT NULL,
    "rating_count" INTEGER NOT NULL,
    "ratings_good" INTEGER NOT NULL,
    "decided_late" INTEGER NOT NULL,

    CONSTRAINT "statistics_month_pkey" PRIMARY KEY ("month","facet","station_id","kind","key1","key2")
);

-- CreateTable
CREATE TABLE "statistics_month_state" (
    "month" DATE NOT NULL,
    "calendar_version" TEXT NOT NULL,
    "rolled_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statistics_month_state_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "statistics_dirty_day" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "statistics_dirty_day_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "statistics_dirty_day_day_idx" ON "statistics_dirty_day"("day");

-- Tickets still waiting for a decision with a due date: the one figure read from the rows every time (overdue
-- depends on today). Partial, so it holds the open tickets only.
CREATE INDEX "complaint_awaiting_decision_idx" ON "complaint"("submitted_at")
  WHERE "decided_at" IS NULL AND "decision_due_on" IS NOT NULL AND "origin_id" IS NULL;

-- Every statement that writes complaint rows logs the Asia/Shanghai days of receipt it touched (old and new), in
-- its own transaction: a month is read from the rollup only while no logged day of it is left.
CREATE FUNCTION "statistics_log_changed_days"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "statistics_dirty_day" ("day")
      SELECT DISTINCT ("submitted_at" + interval '8 hours')::date FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "statistics_dirty_day" ("day")
      SELECT DISTINCT d FROM (
        SELECT ("submitted_at" + interval '8 hours')::date AS d FROM new_rows
        UNION SELECT ("submitted_at" + interval '8 hours')::date FROM old_rows) AS days;
  ELSE
    INSERT INTO "statistics_dirty_day" ("day")
      SELECT DISTINCT ("submitted_at" + interval '8 hours')::date FROM old_rows;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "complaint_statistics_insert" AFTER INSERT ON "complaint"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "statistics_log_changed_days"();
CREATE TRIGGER "complaint_statistics_update" AFTER UPDATE ON "complaint"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "statistics_log_changed_days"();
CREATE TRIGGER "complaint_statistics_delete" AFTER DELETE ON "complaint"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "statistics_log_changed_days"();

-- Backfill: every day that has tickets is logged, so the rollup job builds the rollup from the rows.
INSERT INTO "statistics_dirty_day" ("day")
  SELECT DISTINCT ("submitted_at" + interval '8 hours')::date FROM "complaint";
