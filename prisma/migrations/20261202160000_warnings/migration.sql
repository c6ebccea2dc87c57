-- Consumer warnings (issue 16): subscriptions by area, warnings, and one delivery row per recipient (the
-- broadcast's ledger: a crash, restart or Redis flush resumes from it and sends nobody the same warning twice).
-- CreateEnum
CREATE TYPE "WarningStatus" AS ENUM ('DRAFT', 'QUEUED', 'SENDING', 'PAUSED', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WarningDeliveryStatus" AS ENUM ('PENDING', 'CLAIMED', 'SENDING', 'SENT', 'UNCONFIRMED', 'BLOCKED', 'FAILED');

-- CreateTable
CREATE TABLE "warning_subscription" (
    "id" SERIAL NOT NULL,
    "person_id" INTEGER NOT NULL,
    "area_code" TEXT NOT NULL,
    "categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "locale" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warning_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warning_offer_decline" (
    "person_id" INTEGER NOT NULL,
    "declined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warning_offer_decline_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "warning" (
    "id" SERIAL NOT NULL,
    "author_id" INTEGER NOT NULL,
    "station_id" TEXT,
    "status" "WarningStatus" NOT NULL DEFAULT 'DRAFT',
    "area_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "category_code" TEXT,
    "text_zh_cn" TEXT NOT NULL DEFAULT '',
    "text_en" TEXT,
    "attachment_kind" "AttachmentKind",
    "attachment_file_id" TEXT,
    "recipient_count" INTEGER NOT NULL DEFAULT 0,
    "progress_chat_id" BIGINT,
    "progress_message_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "warning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warning_delivery" (
    "warning_id" INTEGER NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "person_id" INTEGER NOT NULL,
    "subscription_id" INTEGER NOT NULL,
    "status" "WarningDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "claimed_by" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "message_id" INTEGER,
    "last_error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warning_delivery_pkey" PRIMARY KEY ("warning_id","chat_id")
);

-- CreateIndex
CREATE INDEX "warning_subscription_area_code_idx" ON "warning_subscription"("area_code");

-- CreateIndex
CREATE UNIQUE INDEX "warning_subscription_person_id_area_code_key" ON "warning_subscription"("person_id", "area_code");

-- CreateIndex
CREATE INDEX "warning_status_idx" ON "warning"("status");

-- CreateIndex
CREATE INDEX "warning_confirmed_at_idx" ON "warning"("confirmed_at");

-- CreateIndex
CREATE INDEX "warning_delivery_warning_id_status_idx" ON "warning_delivery"("warning_id", "status");

-- AddForeignKey
ALTER TABLE "warning_subscription" ADD CONSTRAINT "warning_subscription_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warning" ADD CONSTRAINT "warning_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warning_delivery" ADD CONSTRAINT "warning_delivery_warning_id_fkey" FOREIGN KEY ("warning_id") REFERENCES "warning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

