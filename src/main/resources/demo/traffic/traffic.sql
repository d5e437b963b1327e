-- Demo traffic, generated at load time. Run step by step by TrafficDemoData; each "-- step:" line names the
-- step in the load log. Every generated row has sample = true and every sample site and page says so.
--
-- Seed figures (shared/seeds 000, 001, 003; pages of the Cục Chuyển đổi số quốc gia portal):
--   seed 000: "Tổng lượt truy cập: 20102841", "Khách 37, Thành viên 0"; poll 1180/107/57 (demo/poll)
--   seed 003 (an earlier capture): "Tổng lượt truy cập: 19817961", "Khách 49, Thành viên 0"
--   seed 001: "Lượt xem: 384" under the Hòa Bình article
-- The seeds carry no capture time. Seed 002, from the same crawl, shows news of 19/11/2025, so seed 000 is
-- taken as read on 2025-11-20 10:00 (+07). The sample year runs from 2024-11-20 00:00 (+07) to that moment
-- (site.sample_from, sample_until: its buckets, empty ones too, are sample; HANOI and DANANG are sample sites).
-- The CDSQG offset is chosen so that the counter reads exactly 20,102,841 at that moment, and seed 003 is
-- placed at the minute where the sample traffic makes it read exactly 19,817,961 (284,880 views earlier).

-- step: sites
INSERT INTO site (code, name, name_en, agency_code, base_url, visit_offset, counting_from, note, sample, sample_from,
                  sample_until) VALUES
('CDSQG', 'Trang thông tin điện tử Cục Chuyển đổi số quốc gia', 'National Digital Transformation Agency portal',
 'BTTTT', NULL, 0, '2024-11-20 00:00+07',
 'Cục Chuyển đổi số quốc gia (trước là Cục Tin học hóa) thuộc Bộ Thông tin và Truyền thông, từ 01/3/2025 thuộc Bộ Khoa học và Công nghệ. '
 || 'Số liệu công bố: hộp "Thống kê truy cập" của trang (hai bản chụp). Lưu lượng từ 2024-11-20 đến 2025-11-20 là dữ liệu mẫu do hệ thống sinh (generated sample traffic); '
 || 'visitOffset được tính để bộ đếm khớp số liệu công bố.',
 false, '2024-11-20 00:00+07', '2025-11-20 10:00+07'),
('HANOI', 'Cổng giao tiếp điện tử thành phố Hà Nội (dữ liệu mẫu)', 'Ha Noi city portal (sample data)',
 'P01', 'https://hanoi.gov.vn', 0, '2024-11-20 00:00+07',
 'Dữ liệu mẫu do hệ thống sinh, không phải số liệu chính thức (generated sample data, not an official figure).',
 true, '2024-11-20 00:00+07', '2025-11-20 10:00+07'),
('DANANG', 'Cổng thông tin điện tử thành phố Đà Nẵng (dữ liệu mẫu)', 'Da Nang city portal (sample data)',
 'P48-2025', 'https://danang.gov.vn', 0, '2024-11-20 00:00+07',
 'Dữ liệu mẫu do hệ thống sinh, không phải số liệu chính thức (generated sample data, not an official figure).',
 true, '2024-11-20 00:00+07', '2025-11-20 10:00+07');

-- step: sample minute buckets
-- views per minute = base rate x time of day x weekday x Tết (25/1–2/2/2025) x growth x deterministic noise
-- (hashint8extended: the same rows on every load). Minutes without views get no row. The factors per day
-- and per minute of the day are computed once, in float8, so the year of minutes costs little more than
-- its inserts.
INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
SELECT site, 'MINUTE', bucket_start, views, members, greatest(1, round(views * 0.8)), true
  FROM (
    SELECT s.site, d.start + m.i * interval '1 minute' AS bucket_start,
           floor(s.per_minute * d.f * m.f
                 * (0.4 + 1.2 * (hashint8extended(d.n * 1440 + m.i, s.seed) & 65535) / 65536.0::float8))::bigint AS views,
           CASE WHEN (hashint8extended(d.n * 1440 + m.i, s.seed + 1000) & 63) = 0 THEN 1 ELSE 0 END AS members
      FROM (VALUES ('CDSQG', 10.0::float8, 11), ('HANOI', 36.0::float8, 23), ('DANANG', 20.0::float8, 37))
           AS s (site, per_minute, seed)
     CROSS JOIN (
        SELECT n, timezone('Asia/Ho_Chi_Minh', cast(day AS timestamp)) AS start,
               CASE WHEN date_part('isodow', day) >= 6 THEN 0.45::float8 ELSE 1.0::float8 END
               * CASE WHEN day BETWEEN date '2025-01-25' AND date '2025-02-02' THEN 0.35::float8 ELSE 1.0::float8 END
               * (0.85::float8 + 0.3::float8 * n / 366) AS f
          FROM (SELECT cast(day AS date) AS day, row_number() OVER (ORDER BY day) - 1 AS n
                  FROM generate_series(timestamp '2024-11-20', timestamp '2025-11-20', interval '1 day') AS day) days
     ) d
     CROSS JOIN (
        SELECT i, 0.1::float8 + 1.7::float8 * greatest(0::float8, sin(pi() * (i / 60.0::float8 - 6.5) / 15)) AS f
          FROM generate_series(0, 1439) AS i
     ) m
     WHERE d.start + m.i * interval '1 minute' < timestamptz '2025-11-20 10:00+07'
  ) generated
 WHERE views > 0
 ORDER BY site, bucket_start;

-- step: seed 003 placed 284,880 views before seed 000
-- The last minute from which the remaining sample views reach 284,880 gives up its surplus, so that exactly
-- 284,880 views fall between the two readings (20,102,841 - 19,817,961).
WITH suffix AS (
    SELECT bucket_start, sum(views) OVER (ORDER BY bucket_start DESC) AS after_start
      FROM traffic_bucket WHERE site_code = 'CDSQG' AND granularity = 'MINUTE'
), pick AS (
    SELECT bucket_start, after_start - 284880 AS surplus FROM suffix WHERE after_start >= 284880
     ORDER BY bucket_start DESC LIMIT 1
)
UPDATE traffic_bucket b
   SET views = b.views - pick.surplus, visitors = least(b.visitors, b.views - pick.surplus),
       member_views = least(b.member_views, b.views - pick.surplus)
  FROM pick
 WHERE b.site_code = 'CDSQG' AND b.granularity = 'MINUTE' AND b.bucket_start = pick.bucket_start;

-- step: hour, day, week and month roll-ups of the sample minutes
-- Each level from the one below (minutes → hours → days → weeks and months), so each reads few rows.
-- Distinct visitors of generated buckets are a plausible share of the views (real buckets count them exactly).
INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
SELECT site_code, 'HOUR', date_trunc('hour', bucket_start), sum(views), sum(member_views),
       greatest(1, round(sum(views) * 0.55)), true
  FROM traffic_bucket WHERE granularity = 'MINUTE' AND sample
 GROUP BY site_code, date_trunc('hour', bucket_start);
INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
SELECT site_code, 'DAY', start, sum(views), sum(member_views), greatest(1, round(sum(views) * 0.35)), true
  FROM (SELECT site_code, views, member_views,
               timezone('Asia/Ho_Chi_Minh', date_trunc('day', timezone('Asia/Ho_Chi_Minh', bucket_start))) AS start
          FROM traffic_bucket WHERE granularity = 'HOUR' AND sample) h
 GROUP BY site_code, start;
INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
SELECT site_code, g.name, start, sum(views), sum(member_views), greatest(1, round(sum(views) * g.share)), true
  FROM (VALUES ('WEEK', 'week', 0.25), ('MONTH', 'month', 0.2)) AS g (name, unit, share)
 CROSS JOIN LATERAL (
       SELECT site_code, views, member_views,
              timezone('Asia/Ho_Chi_Minh', date_trunc(g.unit, timezone('Asia/Ho_Chi_Minh', bucket_start))) AS start
         FROM traffic_bucket WHERE granularity = 'DAY' AND sample) d
 GROUP BY site_code, g.name, g.share, start;

-- step: published counter readings and the CDSQG offset
UPDATE site
   SET visit_offset = 20102841 - (SELECT sum(views) FROM traffic_bucket
                                   WHERE site_code = 'CDSQG' AND granularity = 'MONTH')
 WHERE code = 'CDSQG';
INSERT INTO site_reading (site_code, read_at, total_visits, guests_online, members_online, source) VALUES
('CDSQG', '2025-11-20 10:00+07', 20102841, 37, 0,
 'Trang thông tin điện tử Cục Chuyển đổi số quốc gia, hộp "Thống kê truy cập" bên bài "Bộ Thông tin và Truyền thông: Hướng dẫn các Bộ, ngành, địa phương xây dựng Kế hoạch ứng dụng CNTT trong hoạt động của CQNN năm 2020": Khách 37, Thành viên 0, Tổng 37, '
 || 'Tổng lượt truy cập: 20102841. Trang không ghi thời điểm; giả định 2025-11-20 10:00 (assumed capture time).');
INSERT INTO site_reading (site_code, read_at, total_visits, guests_online, members_online, source)
SELECT 'CDSQG', bucket_start, 19817961, 49, 0,
       'Trang thông tin điện tử Cục Chuyển đổi số quốc gia, hộp "Thống kê truy cập" bên bài "Bộ Thông tin và Truyền thông: Công bố Báo cáo đánh giá mức độ ứng dụng công nghệ thông tin … năm 2016" (bản chụp sớm hơn): Khách 49, Thành viên 0, Tổng 49, '
       || 'Tổng lượt truy cập: 19817961. Thời điểm là phút mà lưu lượng mẫu làm bộ đếm đạt đúng số này (derived from the sample traffic).'
  FROM (SELECT bucket_start, sum(views) OVER (ORDER BY bucket_start DESC) AS after_start
          FROM traffic_bucket WHERE site_code = 'CDSQG' AND granularity = 'MINUTE') s
 WHERE after_start = 284880;

-- step: seed pages
INSERT INTO page (site_code, path, title, view_offset, note) VALUES
('CDSQG', '/tin-tuc/tinh-hoa-binh-phan-dau-60-van-ban-trao-doi-dien-tu-nam-2017',
 'Tỉnh Hòa Bình phấn đấu 60% văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử trong năm 2017', 384,
 'Bài của Cục Tin học hóa ngày 16/12/2016 trên Trang thông tin điện tử Cục Chuyển đổi số quốc gia: "Lượt xem: 384". Đường dẫn là minh họa (illustrative path; the real URL is not in the source).'),
('CDSQG', '/tin-tuc/huong-dan-xay-dung-ke-hoach-ung-dung-cntt-nam-2020',
 'Bộ Thông tin và Truyền thông: Hướng dẫn các Bộ, ngành, địa phương xây dựng Kế hoạch ứng dụng CNTT trong hoạt động của CQNN năm 2020', 10589,
 'Trang thông tin điện tử Cục Chuyển đổi số quốc gia: số 10589 in cuối bài (sau tên tác giả), hiểu là số lượt xem của bài (read as the article''s view count). Đường dẫn là minh họa.'),
('CDSQG', '/tin-tuc/cong-bo-bao-cao-danh-gia-muc-do-ung-dung-cntt-nam-2016',
 'Bộ Thông tin và Truyền thông: Công bố Báo cáo đánh giá mức độ ứng dụng công nghệ thông tin của các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ và các tỉnh, thành phố trực thuộc Trung ương năm 2016', 15310,
 'Trang thông tin điện tử Cục Chuyển đổi số quốc gia: số 15310 in cuối bài (sau tên tác giả), hiểu là số lượt xem của bài (read as the article''s view count). Đường dẫn là minh họa.');

-- step: sample pages
-- Each day's sample views are shared among a site's sample pages by fixed weights; the home page takes the
-- rest, so the pages of a day add up to the site's day.
CREATE TEMPORARY TABLE sample_page (site text, path text, title text, weight numeric) ON COMMIT DROP;
INSERT INTO sample_page VALUES
('CDSQG', '/', 'Trang chủ', NULL),
('CDSQG', '/tin-tuc', 'Tin tức', 0.12),
('CDSQG', '/van-ban-chinh-sach', 'Văn bản chính sách', 0.09),
('CDSQG', '/chi-so-dti', 'Chỉ số đánh giá chuyển đổi số (DTI)', 0.08),
('CDSQG', '/chuyen-doi-so', 'Chuyển đổi số', 0.07),
('CDSQG', '/chinh-phu-so', 'Chính phủ số', 0.06),
('CDSQG', '/an-toan-thong-tin', 'An toàn thông tin', 0.04),
('CDSQG', '/lien-he', 'Liên hệ', 0.02),
('HANOI', '/', 'Trang chủ', NULL),
('HANOI', '/tin-tuc', 'Tin tức - Sự kiện', 0.15),
('HANOI', '/dich-vu-cong', 'Dịch vụ công trực tuyến', 0.13),
('HANOI', '/thu-tuc-hanh-chinh', 'Thủ tục hành chính', 0.09),
('HANOI', '/van-ban', 'Văn bản chỉ đạo điều hành', 0.06),
('HANOI', '/du-lich', 'Du lịch Hà Nội', 0.05),
('HANOI', '/hoi-dap', 'Hỏi đáp', 0.03),
('DANANG', '/', 'Trang chủ', NULL),
('DANANG', '/tin-tuc', 'Tin tức', 0.14),
('DANANG', '/dich-vu-cong', 'Dịch vụ công trực tuyến', 0.12),
('DANANG', '/gop-y', 'Góp ý, phản ánh', 0.08),
('DANANG', '/du-lich', 'Du lịch Đà Nẵng', 0.07),
('DANANG', '/dau-tu', 'Đầu tư', 0.05);
INSERT INTO page (site_code, path, title, note)
SELECT site, path, title, 'Trang mẫu, lượt xem là dữ liệu mẫu do hệ thống sinh (sample page with generated views).'
  FROM sample_page;
INSERT INTO page_day (page_id, site_code, day, views, sample)
SELECT p.id, d.site_code, d.day,
       CASE WHEN sp.weight IS NULL
            THEN d.views - (SELECT sum(floor(d.views * o.weight)) FROM sample_page o WHERE o.site = sp.site AND o.weight IS NOT NULL)
            ELSE floor(d.views * sp.weight) END,
       true
  FROM (SELECT site_code, cast(timezone('Asia/Ho_Chi_Minh', bucket_start) AS date) AS day, views
          FROM traffic_bucket WHERE granularity = 'DAY' AND sample) d
  JOIN sample_page sp ON sp.site = d.site_code
  JOIN page p ON p.site_code = sp.site AND p.path = sp.path;
UPDATE page p SET views = d.views, first_seen_at = timestamptz '2024-11-20 00:00+07', last_seen_at = timestamptz '2025-11-20 10:00+07'
  FROM (SELECT page_id, sum(views) AS views FROM page_day GROUP BY page_id) d
 WHERE d.page_id = p.id;

-- step: statistics
ANALYZE site;
ANALYZE traffic_bucket;
ANALYZE page;
ANALYZE page_day;
