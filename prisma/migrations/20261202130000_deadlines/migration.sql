-- Issue #14: deadlines at work (reminders, digest, overdue supervision, paused clocks, holiday years as data).
CREATE TABLE "holiday_year" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "holidays" DATE[],
    "make_up_workdays" DATE[],
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imported_by" TEXT NOT NULL,
    CONSTRAINT "holiday_year_pkey" PRIMARY KEY ("year")
);

CREATE TABLE "deadline_notice" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "sent_on" DATE NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "deadline_notice_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "deadline_notice_complaint_id_clock_kind_due_on_key" ON "deadline_notice"("complaint_id", "clock", "kind", "due_on");
CREATE INDEX "deadline_notice_sent_on_kind_idx" ON "deadline_notice"("sent_on", "kind");
ALTER TABLE "deadline_notice" ADD CONSTRAINT "deadline_notice_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "clock_pause" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "started_on" DATE NOT NULL,
    "ended_on" DATE,
    "paused_working_days" INTEGER,
    "started_by" INTEGER,
    "ended_by" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "clock_pause_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "clock_pause_complaint_id_idx" ON "clock_pause"("complaint_id");
-- At most one running pause per ticket (not expressible in the Prisma schema).
CREATE UNIQUE INDEX "clock_pause_one_running" ON "clock_pause"("complaint_id") WHERE "ended_on" IS NULL;
ALTER TABLE "clock_pause" ADD CONSTRAINT "clock_pause_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "deadline_run" (
    "key" TEXT NOT NULL,
    "ran_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "deadline_run_pkey" PRIMARY KEY ("key")
);
