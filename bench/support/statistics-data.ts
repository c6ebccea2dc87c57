/**
 * A city's tickets for the statistics benchmark, generated in PostgreSQL (generate_series; nothing crosses the
 * wire): `rows` tickets over the three years before now across the demo region. A business has one address (an
 * area a station covers) and one trade (a leaf category); a few businesses draw most complaints (the 热点).
 * 80 % complaints, 10 % reports, 10 % inquiries. A complaint is settled in the community (30 %) or goes to the
 * county's bureau station, which accepts or rejects it, mediates and closes it (money recovered, ratings, some
 * decisions late, the last weeks still open). 20 % of reports and 2 % of complaints become enforcement cases.
 */
import type { Database } from '../../src/db/client.ts'
import { categoryTree } from '../../src/domain/intake/categories.ts'

const BUSINESSES = 20_000

export async function generateStatisticsData(db: Database, rows: number, consumerId: number): Promise<void> {
  const categories = categoryTree.groups.flatMap((g) => g.children)
  await db.$executeRawUnsafe('DROP TABLE IF EXISTS bench_business')
  await db.$executeRawUnsafe(
    `
    CREATE UNLOGGED TABLE bench_business AS
    WITH cov AS (
      SELECT array_agg(sc.area_code ORDER BY sc.area_code) AS areas, array_agg(sc.station_id ORDER BY sc.area_code) AS stations,
        array_agg(COALESCE(bureau.id, sc.station_id) ORDER BY sc.area_code) AS bureaus
      FROM station_coverage sc JOIN station s ON s.id = sc.station_id
      LEFT JOIN LATERAL (SELECT b.id FROM station b WHERE b.district_code = s.district_code
        AND b.kind IN ('COUNTY_CENTER', 'MARKET_SUPERVISION_OFFICE') ORDER BY b.kind DESC, b.code LIMIT 1) bureau ON true
    ),
    b AS (SELECT b, 1 + floor(random() * (SELECT array_length(areas, 1) FROM cov))::int AS at,
      1 + floor(random() * ${categories.length})::int AS cat, random() < 0.3 AS online FROM generate_series(1, ${BUSINESSES}) AS b)
    SELECT b.b, '商户' || b.b AS name, cov.areas[b.at] AS area, cov.stations[b.at] AS station,
      cov.bureaus[b.at] AS bureau, ($1::text[])[b.cat] AS category, b.online
    FROM b CROSS JOIN cov`,
    categories,
  )
  await db.$executeRawUnsafe('CREATE UNIQUE INDEX ON bench_business (b)')
  // r1 date, r6 kind, r2 outcome, r3 business (cubed: a few draw most), r4/r5 amounts, ratings, delays.
  await db.$executeRawUnsafe(`
    INSERT INTO complaint (id, tracking_number, form_id, kind, status, consumer_id, locale, respondent_name, area_code,
      is_online, category_code, facts, rule, station_id, submitted_at, received_at, bureau_received_at, decision_due_on,
      accepted_at, decided_at, closed_at, closing_outcome, ground, recovered_fen, satisfaction, contact_name,
      contact_phone, updated_at)
    SELECT gen_random_uuid()::text, 'B-' || g.i, 'bench-' || g.i, k.kind::"ComplaintKind", k.status::"ComplaintStatus",
      ${consumerId}, 'zh-CN', biz.name, biz.area, biz.online, biz.category, 'bench', 'ORDER_121',
      CASE WHEN k.bureau THEN biz.bureau ELSE biz.station END, t.at, t.at,
      CASE WHEN k.bureau THEN t.at + interval '1 day' END,
      CASE WHEN k.bureau THEN (t.at + interval '8 hours' + interval '1 day' + interval '9 days')::date END,
      CASE WHEN k.accepted THEN t.at + interval '1 day' + interval '1 day' * (g.r4 * 9) END,
      CASE WHEN k.decided THEN t.at + interval '1 day' + interval '1 day' * (g.r4 * 12) END,
      CASE WHEN k.closed THEN t.at + interval '1 day' * (14 + g.r5 * 45) END,
      (CASE WHEN k.status = 'CLOSED' THEN CASE WHEN g.r5 < 0.8 THEN 'RESOLVED' ELSE 'UNRESOLVED' END END)::"ClosingOutcome",
      CASE WHEN k.status = 'NOT_ACCEPTED' THEN 'TIME_BARRED'
           WHEN k.status = 'CLOSED' AND g.r5 >= 0.9 THEN 'PARTY_ABSENT_OR_REFUSES' END,
      CASE WHEN k.status = 'CLOSED' AND g.r5 < 0.8 AND g.r4 < 0.6 THEN (100 + g.r4 * g.r5 * 1000000)::bigint END,
      CASE WHEN k.closed AND g.r3 < 0.35 THEN 1 + floor(g.r4 * 5)::int END,
      '王小明', '13812345678', t.at + interval '1 day' * (2 + g.r5 * 10)
    FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
          FROM generate_series(1, ${rows}) AS i) g
    CROSS JOIN LATERAL (SELECT date_trunc('second', now()::timestamp - interval '3 years' * g.r1) AS at) t
    CROSS JOIN LATERAL (SELECT CASE WHEN g.r6 < 0.1 THEN 'INQUIRY' WHEN g.r6 < 0.2 THEN 'REPORT' ELSE 'COMPLAINT' END AS kind,
      t.at > now()::timestamp - interval '20 days' AS recent) w
    CROSS JOIN LATERAL (SELECT w.kind,
      CASE WHEN w.kind = 'INQUIRY' THEN 'ANSWERED'
           WHEN w.kind = 'REPORT' THEN CASE WHEN w.recent THEN 'VERIFYING' WHEN g.r2 < 0.3 THEN 'CASE_FILED' ELSE 'NOT_FILED' END
           WHEN g.r2 < 0.3 THEN 'SETTLED_LOCALLY' WHEN w.recent THEN 'RECEIVED' WHEN g.r2 < 0.38 THEN 'NOT_ACCEPTED'
           WHEN g.r2 < 0.42 THEN 'MEDIATING' ELSE 'CLOSED' END AS status) s
    CROSS JOIN LATERAL (SELECT s.kind, s.status,
      s.status NOT IN ('ANSWERED', 'SETTLED_LOCALLY') AS bureau,
      s.status IN ('MEDIATING', 'CLOSED') AS accepted,
      s.status IN ('MEDIATING', 'CLOSED', 'NOT_ACCEPTED', 'CASE_FILED', 'NOT_FILED') AS decided,
      s.status = 'CLOSED' AS closed) k
    JOIN bench_business biz ON biz.b = 1 + floor(${BUSINESSES} * power(g.r3, 3))::int`)
  await db.$executeRawUnsafe(`
    INSERT INTO enforcement_case (id, case_number, origin_complaint_id, origin_kind, status, station_id, opened_at,
      filed_at, decided_at, decision_date, penalty_fen, updated_at)
    SELECT gen_random_uuid()::text, c.tracking_number || '-AJ', c.id, c.kind, x.status::"CaseStatus", c.station_id,
      c.decided_at, c.decided_at + interval '5 days', x.decided_at, (x.decided_at + interval '8 hours')::date,
      CASE WHEN x.decided_at IS NOT NULL THEN (500000 + random() * 20000000)::bigint END, c.decided_at
    FROM complaint c
    CROSS JOIN LATERAL (SELECT CASE WHEN c.decided_at < now()::timestamp - interval '90 days' THEN 'DECIDED' ELSE 'FILED' END AS status,
      CASE WHEN c.decided_at < now()::timestamp - interval '90 days' THEN c.decided_at + interval '60 days' END AS decided_at) x
    WHERE c.decided_at IS NOT NULL AND ((c.kind = 'REPORT' AND c.status = 'CASE_FILED')
      OR (c.kind = 'COMPLAINT' AND c.status = 'CLOSED' AND random() < 0.02))`)
  await db.$executeRawUnsafe('DROP TABLE bench_business')
  await db.$executeRawUnsafe('VACUUM ANALYZE complaint')
  await db.$executeRawUnsafe('ANALYZE enforcement_case')
}
