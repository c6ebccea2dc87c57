-- Issue #12: the 市场监管所 station kind, and the statutory clocks from receipt by a bureau station.
ALTER TYPE "StationKind" ADD VALUE 'MARKET_SUPERVISION_OFFICE';

ALTER TABLE "complaint"
  ADD COLUMN "bureau_received_at" TIMESTAMP(3),
  ADD COLUMN "local_target_on" DATE,
  ADD COLUMN "mediation_due_final" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "termination_notice_due_on" DATE,
  ADD COLUMN "termination_notice_due_final" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "reporter_notice_due_on" DATE,
  ADD COLUMN "reporter_notice_due_final" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "filing_extension_note" TEXT;

-- Tickets held by a bureau station (only county and city centers existed before this migration): received by the
-- bureau when routed straight to one, else when first escalated or transferred to one.
UPDATE "complaint" c SET "bureau_received_at" = COALESCE(
  CASE WHEN EXISTS (
    SELECT 1 FROM "complaint_event" e JOIN "station" t ON t."code" = e."data"->>'stationCode'
    WHERE e."complaint_id" = c."id" AND e."action" = 'ROUTE' AND t."kind" IN ('COUNTY_CENTER', 'CITY_CENTER')
  ) THEN c."received_at" END,
  (SELECT min(e."created_at") FROM "complaint_event" e
   LEFT JOIN "station" t ON t."id" = e."data"->>'toStationId'
   WHERE e."complaint_id" = c."id"
     AND (e."action" = 'ESCALATE' OR (e."action" = 'TRANSFER' AND t."kind" IN ('COUNTY_CENTER', 'CITY_CENTER')))),
  c."received_at")
FROM "station" s
WHERE s."id" = c."station_id" AND s."kind" IN ('COUNTY_CENTER', 'CITY_CENTER');

-- The rule in force on the Asia/Shanghai date of receipt by the bureau.
UPDATE "complaint" SET "rule" = CASE
  WHEN ("bureau_received_at" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date >= DATE '2026-04-15' THEN 'ORDER_121'::"StatutoryRule"
  ELSE 'ORDER_20'::"StatutoryRule" END
WHERE "bureau_received_at" IS NOT NULL;

-- Filing and first-mile stations start no statutory clock.
UPDATE "complaint" SET "decision_due_on" = NULL, "due_dates_final" = true WHERE "bureau_received_at" IS NULL;
UPDATE "complaint" SET "decision_due_on" = NULL, "due_dates_final" = true WHERE "kind" = 'INQUIRY';

-- The decision still pending at a bureau, counted again from the bureau's receipt: complaints 7 working days
-- (acceptance), reports 15 (filing decision). Working days per the bundled holiday table (version 2026.1);
-- days after 2026 count Monday to Friday and the date is provisional.
CREATE TEMP TABLE "migration_holiday" ("day" DATE PRIMARY KEY);
INSERT INTO "migration_holiday" VALUES
  (DATE '2025-01-01'),
  (DATE '2025-01-28'),
  (DATE '2025-01-29'),
  (DATE '2025-01-30'),
  (DATE '2025-01-31'),
  (DATE '2025-02-01'),
  (DATE '2025-02-02'),
  (DATE '2025-02-03'),
  (DATE '2025-02-04'),
  (DATE '2025-04-04'),
  (DATE '2025-04-05'),
  (DATE '2025-04-06'),
  (DATE '2025-05-01'),
  (DATE '2025-05-02'),
  (DATE '2025-05-03'),
  (DATE '2025-05-04'),
  (DATE '2025-05-05'),
  (DATE '2025-05-31'),
  (DATE '2025-06-01'),
  (DATE '2025-06-02'),
  (DATE '2025-10-01'),
  (DATE '2025-10-02'),
  (DATE '2025-10-03'),
  (DATE '2025-10-04'),
  (DATE '2025-10-05'),
  (DATE '2025-10-06'),
  (DATE '2025-10-07'),
  (DATE '2025-10-08'),
  (DATE '2026-01-01'),
  (DATE '2026-01-02'),
  (DATE '2026-01-03'),
  (DATE '2026-02-15'),
  (DATE '2026-02-16'),
  (DATE '2026-02-17'),
  (DATE '2026-02-18'),
  (DATE '2026-02-19'),
  (DATE '2026-02-20'),
  (DATE '2026-02-21'),
  (DATE '2026-02-22'),
  (DATE '2026-02-23'),
  (DATE '2026-04-04'),
  (DATE '2026-04-05'),
  (DATE '2026-04-06'),
  (DATE '2026-05-01'),
  (DATE '2026-05-02'),
  (DATE '2026-05-03'),
  (DATE '2026-05-04'),
  (DATE '2026-05-05'),
  (DATE '2026-06-19'),
  (DATE '2026-06-20'),
  (DATE '2026-06-21'),
  (DATE '2026-09-25'),
  (DATE '2026-09-26'),
  (DATE '2026-09-27'),
  (DATE '2026-10-01'),
  (DATE '2026-10-02'),
  (DATE '2026-10-03'),
  (DATE '2026-10-04'),
  (DATE '2026-10-05'),
  (DATE '2026-10-06'),
  (DATE '2026-10-07');
CREATE TEMP TABLE "migration_make_up_workday" ("day" DATE PRIMARY KEY);
INSERT INTO "migration_make_up_workday" VALUES
  (DATE '2025-01-26'),
  (DATE '2025-02-08'),
  (DATE '2025-04-27'),
  (DATE '2025-09-28'),
  (DATE '2025-10-11'),
  (DATE '2026-01-04'),
  (DATE '2026-02-14'),
  (DATE '2026-02-28'),
  (DATE '2026-05-09'),
  (DATE '2026-09-20'),
  (DATE '2026-10-10');

UPDATE "complaint" c SET
  "decision_due_on" = due."day",
  "due_dates_final" = due."day" <= DATE '2026-12-31'
FROM (
  SELECT x."id", (
    SELECT d::date FROM generate_series(x."received_on" + 1, x."received_on" + 120, INTERVAL '1 day') AS d
    WHERE (extract(isodow FROM d) < 6 AND d::date NOT IN (SELECT "day" FROM "migration_holiday"))
       OR d::date IN (SELECT "day" FROM "migration_make_up_workday")
    ORDER BY d OFFSET x."days" - 1 LIMIT 1
  ) AS "day"
  FROM (
    SELECT "id", ("bureau_received_at" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date AS "received_on",
      CASE "kind" WHEN 'COMPLAINT' THEN 7 ELSE 15 END AS "days"
    FROM "complaint"
    WHERE "bureau_received_at" IS NOT NULL AND (
      ("kind" = 'COMPLAINT' AND "status" IN ('RECEIVED', 'ESCALATED'))
      OR ("kind" = 'REPORT' AND "status" IN ('RECEIVED', 'ESCALATED', 'VERIFYING')))
  ) x
) due
WHERE c."id" = due."id";

DROP TABLE "migration_holiday";
DROP TABLE "migration_make_up_workday";
