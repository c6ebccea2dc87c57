-- CreateEnum
CREATE TYPE "AreaLevel" AS ENUM ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID');

-- CreateEnum
CREATE TYPE "StationKind" AS ENUM ('COMMUNITY_LIAISON_STATION', 'COMPLAINT_STATION', 'COUNTY_CENTER', 'CITY_CENTER');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('STAFF', 'LIAISON', 'ADMIN');

-- CreateEnum
CREATE TYPE "ComplaintKind" AS ENUM ('COMPLAINT', 'REPORT', 'INQUIRY');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('SUBMITTED', 'RECEIVED', 'LOCAL_MEDIATION', 'SETTLED_LOCALLY', 'ESCALATED', 'ACCEPTED', 'NOT_ACCEPTED', 'MEDIATING', 'AGREED', 'MEDIATION_ENDED', 'CLOSED', 'WITHDRAWN', 'VERIFYING', 'CASE_FILED', 'NOT_FILED', 'ANSWERED');

-- CreateEnum
CREATE TYPE "StatutoryRule" AS ENUM ('ORDER_20', 'ORDER_121');

-- CreateEnum
CREATE TYPE "AttachmentKind" AS ENUM ('PHOTO', 'DOCUMENT');

-- CreateEnum
CREATE TYPE "ActorRole" AS ENUM ('CONSUMER', 'LIAISON', 'STAFF', 'ADMIN', 'SYSTEM');

-- CreateEnum
CREATE TYPE "ChatMessagePurpose" AS ENUM ('TICKET_CARD', 'LIAISON_CARD', 'STATUS_UPDATE', 'RELAY_TO_CONSUMER', 'RELAY_TO_STATION', 'EVIDENCE');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'DONE');

-- CreateTable
CREATE TABLE "area" (
    "code" TEXT NOT NULL,
    "level" "AreaLevel" NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "parent_code" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "area_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "platform" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[],
    "district_code" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "platform_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "station" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "StationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "district_code" TEXT,
    "chat_id" BIGINT,
    "chat_is_forum" BOOLEAN NOT NULL DEFAULT false,
    "bound_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "station_coverage" (
    "station_id" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "station_coverage_pkey" PRIMARY KEY ("station_id","area_code")
);

-- CreateTable
CREATE TABLE "person" (
    "id" SERIAL NOT NULL,
    "telegram_id" BIGINT NOT NULL,
    "display_name" TEXT NOT NULL,
    "username" TEXT,
    "locale" TEXT,
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "unreachable_since" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "station_id" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "liaison_grid" (
    "membership_id" INTEGER NOT NULL,
    "area_code" TEXT NOT NULL,

    CONSTRAINT "liaison_grid_pkey" PRIMARY KEY ("membership_id","area_code")
);

-- CreateTable
CREATE TABLE "invite" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "station_id" TEXT NOT NULL,
    "grid_codes" TEXT[],
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INTEGER,
    "redeemed_at" TIMESTAMP(3),
    "redeemed_by_id" INTEGER,

    CONSTRAINT "invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint" (
    "id" TEXT NOT NULL,
    "tracking_number" TEXT NOT NULL,
    "form_id" TEXT NOT NULL,
    "kind" "ComplaintKind" NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'SUBMITTED',
    "consumer_id" INTEGER NOT NULL,
    "locale" TEXT NOT NULL,
    "respondent_name" TEXT NOT NULL,
    "respondent_address" TEXT,
    "area_code" TEXT,
    "is_online" BOOLEAN NOT NULL DEFAULT false,
    "platform_name" TEXT,
    "platform_code" TEXT,
    "category_code" TEXT,
    "incident_date" DATE,
    "amount_fen" BIGINT,
    "facts" TEXT NOT NULL,
    "demands" TEXT[],
    "demand_other" TEXT,
    "violation" TEXT,
    "contact_name" TEXT,
    "contact_phone" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "station_id" TEXT,
    "liaison_id" INTEGER,
    "rule" "StatutoryRule" NOT NULL,
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "received_at" TIMESTAMP(3),
    "decision_due_on" DATE,
    "mediation_due_on" DATE,
    "due_dates_final" BOOLEAN NOT NULL DEFAULT true,
    "accepted_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "ground" TEXT,
    "outcome_note" TEXT,
    "recovered_fen" BIGINT,
    "satisfaction" INTEGER,
    "satisfaction_comment" TEXT,
    "origin_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tracking_sequence" (
    "day" DATE NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "tracking_sequence_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" SERIAL NOT NULL,
    "complaint_id" TEXT NOT NULL,
    "kind" "AttachmentKind" NOT NULL,
    "file_id" TEXT NOT NULL,
    "file_unique_id" TEXT NOT NULL,
    "file_name" TEXT,
    "mime_type" TEXT,
    "size_bytes" INTEGER,
    "added_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_event" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" TEXT NOT NULL,
    "actor_id" INTEGER,
    "actor_role" "ActorRole" NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" "ComplaintStatus",
    "to_status" "ComplaintStatus",
    "note" TEXT,
    "ground" TEXT,
    "amount_fen" BIGINT,
    "data" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat_message" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" TEXT NOT NULL,
    "purpose" "ChatMessagePurpose" NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "message_id" INTEGER NOT NULL,
    "thread_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_entry" (
    "id" BIGSERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued_at" TIMESTAMP(3),
    "done_at" TIMESTAMP(3),

    CONSTRAINT "outbox_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "area_parent_code_idx" ON "area"("parent_code");

-- CreateIndex
CREATE INDEX "area_level_idx" ON "area"("level");

-- CreateIndex
CREATE UNIQUE INDEX "station_code_key" ON "station"("code");

-- CreateIndex
CREATE UNIQUE INDEX "station_chat_id_key" ON "station"("chat_id");

-- CreateIndex
CREATE INDEX "station_kind_district_code_idx" ON "station"("kind", "district_code");

-- CreateIndex
CREATE INDEX "station_coverage_area_code_idx" ON "station_coverage"("area_code");

-- CreateIndex
CREATE UNIQUE INDEX "person_telegram_id_key" ON "person"("telegram_id");

-- CreateIndex
CREATE INDEX "membership_station_id_role_idx" ON "membership"("station_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "membership_person_id_station_id_role_key" ON "membership"("person_id", "station_id", "role");

-- CreateIndex
CREATE INDEX "liaison_grid_area_code_idx" ON "liaison_grid"("area_code");

-- CreateIndex
CREATE UNIQUE INDEX "invite_code_key" ON "invite"("code");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_tracking_number_key" ON "complaint"("tracking_number");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_form_id_key" ON "complaint"("form_id");

-- CreateIndex
CREATE INDEX "complaint_station_id_status_idx" ON "complaint"("station_id", "status");

-- CreateIndex
CREATE INDEX "complaint_consumer_id_created_at_idx" ON "complaint"("consumer_id", "created_at");

-- CreateIndex
CREATE INDEX "complaint_liaison_id_status_idx" ON "complaint"("liaison_id", "status");

-- CreateIndex
CREATE INDEX "complaint_respondent_name_idx" ON "complaint"("respondent_name");

-- CreateIndex
CREATE INDEX "complaint_decision_due_on_idx" ON "complaint"("decision_due_on");

-- CreateIndex
CREATE INDEX "complaint_mediation_due_on_idx" ON "complaint"("mediation_due_on");

-- CreateIndex
CREATE INDEX "complaint_area_code_idx" ON "complaint"("area_code");

-- CreateIndex
CREATE INDEX "complaint_status_created_at_idx" ON "complaint"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "attachment_complaint_id_file_unique_id_key" ON "attachment"("complaint_id", "file_unique_id");

-- CreateIndex
CREATE INDEX "complaint_event_complaint_id_created_at_idx" ON "complaint_event"("complaint_id", "created_at");

-- CreateIndex
CREATE INDEX "complaint_event_action_created_at_idx" ON "complaint_event"("action", "created_at");

-- CreateIndex
CREATE INDEX "chat_message_complaint_id_purpose_idx" ON "chat_message"("complaint_id", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "chat_message_chat_id_message_id_key" ON "chat_message"("chat_id", "message_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_entry_job_id_key" ON "outbox_entry"("job_id");

-- CreateIndex
CREATE INDEX "outbox_entry_status_created_at_idx" ON "outbox_entry"("status", "created_at");

-- AddForeignKey
ALTER TABLE "area" ADD CONSTRAINT "area_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "area"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform" ADD CONSTRAINT "platform_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "area"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station" ADD CONSTRAINT "station_district_code_fkey" FOREIGN KEY ("district_code") REFERENCES "area"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station_coverage" ADD CONSTRAINT "station_coverage_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "station_coverage" ADD CONSTRAINT "station_coverage_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "liaison_grid" ADD CONSTRAINT "liaison_grid_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "liaison_grid" ADD CONSTRAINT "liaison_grid_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite" ADD CONSTRAINT "invite_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite" ADD CONSTRAINT "invite_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite" ADD CONSTRAINT "invite_redeemed_by_id_fkey" FOREIGN KEY ("redeemed_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_consumer_id_fkey" FOREIGN KEY ("consumer_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_liaison_id_fkey" FOREIGN KEY ("liaison_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_station_id_fkey" FOREIGN KEY ("station_id") REFERENCES "station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_platform_code_fkey" FOREIGN KEY ("platform_code") REFERENCES "platform"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_origin_id_fkey" FOREIGN KEY ("origin_id") REFERENCES "complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
