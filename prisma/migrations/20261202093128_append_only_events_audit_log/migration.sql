-- CreateEnum
CREATE TYPE "AuditChannel" AS ENUM ('CLI', 'CHAT');

-- DropForeignKey
ALTER TABLE "complaint_event" DROP CONSTRAINT "complaint_event_actor_id_fkey";

-- DropForeignKey
ALTER TABLE "complaint_event" DROP CONSTRAINT "complaint_event_complaint_id_fkey";

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" "AuditChannel" NOT NULL,
    "actor" TEXT NOT NULL,
    "chat_id" BIGINT,
    "action" TEXT NOT NULL,
    "station_code" TEXT,
    "subject_telegram_id" BIGINT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log"("actor", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- AddForeignKey
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- AddForeignKey
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;


-- Append-only tables: the complaint history and the audit log are written once and never changed or removed.
-- (Prisma's schema language cannot express triggers; they live here only.)
CREATE FUNCTION "refuse_change_of_append_only_row"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation', HINT = 'Record a new row instead of changing or removing an old one.';
END
$$;

CREATE TRIGGER "complaint_event_append_only" BEFORE UPDATE OR DELETE ON "complaint_event"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_append_only_row"();
CREATE TRIGGER "complaint_event_no_truncate" BEFORE TRUNCATE ON "complaint_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change_of_append_only_row"();

CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change_of_append_only_row"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change_of_append_only_row"();
