-- Demo polls. Run step by step by PollDemoData; each "-- step:" line names the step in the load log.

-- step: seed poll
-- Seeds 000 and 003 (two captures of the Cục Chuyển đổi số quốc gia portal) show the same counts:
-- 1180 / 107 / 57 of 1344, printed as 88 % / 8 % / 4 %. The votes predate this system: they are imported
-- counts without per-voter rows. The opening date is not in the sources.
INSERT INTO poll (site_code, question, opens_at, closes_at, note) VALUES
('CDSQG', 'Ý kiến về Trang thông tin điện tử Cục Chuyển đổi số quốc gia?', '2024-11-20 00:00+07', NULL,
 'Trang thông tin điện tử Cục Chuyển đổi số quốc gia (hai bản chụp): "1. Đạt yêu cầu, 1180 phiếu (88 %) 2. Chưa đạt yêu cầu, 107 phiếu (8 %) '
 || '3. Cần thêm chủ đề, 57 phiếu (4 %) Tổng số phiếu: 1344". Số phiếu được nhập từ trang (imported counts); '
 || 'ngày mở không có trong nguồn, lấy ngày bắt đầu dữ liệu mẫu (opening date unknown).');
INSERT INTO poll_option (poll_id, position, label, votes, imported_votes)
SELECT currval('poll_id_seq'), position, label, votes, votes
  FROM (VALUES (1, 'Đạt yêu cầu', 1180), (2, 'Chưa đạt yêu cầu', 107), (3, 'Cần thêm chủ đề', 57))
       AS o (position, label, votes);

-- step: sample poll with generated votes
-- A closed poll whose votes are individual rows, so that results per day have something to show. The voter
-- keys are generated stand-ins (32 bytes each), like real ones, not anybody's hash.
INSERT INTO poll (site_code, question, opens_at, closes_at, note) VALUES
('HANOI', 'Bạn đã sử dụng dịch vụ công trực tuyến của thành phố chưa? (dữ liệu mẫu)',
 '2025-09-01 00:00+07', '2025-10-01 00:00+07',
 'Dữ liệu mẫu do hệ thống sinh, không phải số liệu chính thức (generated sample poll and votes).');
INSERT INTO poll_option (poll_id, position, label)
SELECT currval('poll_id_seq'), position, label
  FROM (VALUES (1, 'Đã sử dụng, hài lòng'), (2, 'Đã sử dụng, chưa hài lòng'), (3, 'Chưa sử dụng'))
       AS o (position, label);
INSERT INTO poll_vote (poll_id, voter, option_id, cast_at)
SELECT currval('poll_id_seq'),
       decode(md5('sample-voter-' || i) || md5('sample-voter-' || i || '-b'), 'hex'),
       (SELECT id FROM poll_option
         WHERE poll_id = currval('poll_id_seq')
           AND position = CASE WHEN hashint4extended(i, 7) & 7 < 5 THEN 1
                               WHEN hashint4extended(i, 7) & 7 < 6 THEN 2 ELSE 3 END),
       timestamptz '2025-09-01 00:00+07' + (hashint4extended(i, 8) & 2147483647) % (30 * 86400) * interval '1 second'
  FROM generate_series(1, 2400) AS i;
UPDATE poll_option o
   SET votes = (SELECT count(*) FROM poll_vote v WHERE v.option_id = o.id)
 WHERE o.poll_id = currval('poll_id_seq');
