-- Issue #16: hot-spot suggestions (many complaints about one business, or one category in one street).
-- CreateTable
CREATE TABLE "hot_spot_suggestion" (
    "id" TEXT NOT NULL,
    "pattern_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "business_name" TEXT,
    "district_code" TEXT,
    "category_code" TEXT,
    "street_code" TEXT,
    "complaint_count" INTEGER NOT NULL,
    "window_days" INTEGER NOT NULL,
    "station_id" TEXT NOT NULL,
    "triggered_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "posted_at" TIMESTAMP(3),

    CONSTRAINT "hot_spot_suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "hot_spot_suggestion_pattern_key_created_at_idx" ON "hot_spot_suggestion"("pattern_key", "created_at");

-- CreateIndex
CREATE INDEX "hot_spot_suggestion_triggered_by_idx" ON "hot_spot_suggestion"("triggered_by");

