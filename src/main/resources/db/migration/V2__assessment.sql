-- Assessments: frameworks (ICT_APPLICATION, VIETNAM_ICT_INDEX, DTI), their yearly rounds with the round's
-- categories and maxima, and every agency's score per category within a block. Ranks are never stored: the
-- view assessment_ranked computes them with window functions, so a re-import can never leave them stale.

CREATE TABLE assessment_framework (
	code         text PRIMARY KEY CHECK (code IN ('ICT_APPLICATION', 'VIETNAM_ICT_INDEX', 'DTI')),
	name         text NOT NULL,
	name_en      text NOT NULL,
	publisher    text NOT NULL,
	description  text
);

INSERT INTO assessment_framework (code, name, name_en, publisher, description) VALUES
	('ICT_APPLICATION',
	 'Báo cáo đánh giá mức độ ứng dụng CNTT của cơ quan nhà nước',
	 'Assessment of the level of IT application in state agencies',
	 'Bộ Thông tin và Truyền thông (Cục Tin học hóa)',
	 'Đánh giá hằng năm mức độ ứng dụng CNTT của các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ và các tỉnh, thành phố (2016–2019); phương pháp năm 2016 theo 62/QĐ-BTTTT.'),
	('VIETNAM_ICT_INDEX',
	 'Chỉ số sẵn sàng cho phát triển và ứng dụng CNTT-TT (Vietnam ICT Index)',
	 'Vietnam ICT Index: readiness for ICT development and application',
	 'Bộ Thông tin và Truyền thông; Hội Tin học Việt Nam',
	 'Xếp hạng mức độ sẵn sàng cho phát triển và ứng dụng CNTT-TT theo các chỉ số thành phần (hạ tầng kỹ thuật, hạ tầng nhân lực, ứng dụng CNTT, dịch vụ công trực tuyến).'),
	('DTI',
	 'Chỉ số đánh giá chuyển đổi số (DTI)',
	 'Digital Transformation Index (DTI)',
	 'Bộ Thông tin và Truyền thông',
	 'Chỉ số đánh giá mức độ chuyển đổi số của bộ, ngành, tỉnh và quốc gia từ năm 2020: trụ cột chính quyền số, kinh tế số, xã hội số và các chỉ số chính.');

-- A round is one framework in one assessed year (not the publication year: DTI 2022 was published in 2023).
CREATE TABLE assessment_round (
	id                       bigserial PRIMARY KEY,
	framework                text NOT NULL REFERENCES assessment_framework (code),
	year                     int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	published_on             date,
	methodology_document_id  bigint REFERENCES legal_document (id),
	note                     text,
	-- when the scores were last replaced by an import; null for demo data
	imported_at              timestamptz,
	UNIQUE (framework, year)
);

-- The categories of a round (the total, pillars, indices) with their maxima, which can change between rounds.
CREATE TABLE assessment_category (
	round_id   bigint NOT NULL REFERENCES assessment_round (id),
	code       text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,63}$'),
	name       text NOT NULL,
	name_en    text,
	kind       text NOT NULL CHECK (kind IN ('TOTAL', 'PILLAR', 'INDEX', 'SUB_INDEX')),
	max_score  numeric(12, 6) NOT NULL CHECK (max_score > 0),
	position   int NOT NULL,
	PRIMARY KEY (round_id, code),
	CHECK ((kind = 'TOTAL') = (code = 'TOTAL'))
);

-- One agency's score in one category of a round, within a block. sample = the score was generated for the
-- demo, not published; published_rank = the rank as the source states it (independent of sample).
CREATE TABLE assessment_score (
	round_id        bigint NOT NULL,
	block           text NOT NULL CHECK (block IN ('PROVINCES', 'PROVINCES_POST_MERGER', 'MINISTRIES',
	                    'GOVERNMENT_AGENCIES', 'MINISTRIES_WITH_PUBLIC_SERVICES', 'MINISTRIES_WITHOUT_PUBLIC_SERVICES',
	                    'MINISTRIES_AND_GOVERNMENT_AGENCIES', 'NATIONAL')),
	category_code   text NOT NULL,
	agency_code     text NOT NULL REFERENCES agency (code),
	score           numeric(12, 6) NOT NULL CHECK (score >= 0),
	sample          boolean NOT NULL DEFAULT false,
	published_rank  int CHECK (published_rank >= 1),
	source          text,
	note            text,
	PRIMARY KEY (round_id, block, category_code, agency_code),
	FOREIGN KEY (round_id, category_code) REFERENCES assessment_category (round_id, code)
);
CREATE INDEX assessment_score_agency_idx ON assessment_score (agency_code, round_id);

-- Ranks within each round × block × category: RANK() gives tied scores the same rank and skips after them
-- (1, 2, 2, 4). Filters on round_id, block and category_code are pushed below the window functions.
CREATE VIEW assessment_ranked AS
SELECT s.round_id, r.framework, r.year, s.block, s.category_code, c.position AS category_position, c.max_score,
       s.agency_code, s.score, s.sample, s.published_rank, s.source, s.note,
       rank() OVER (PARTITION BY s.round_id, s.block, s.category_code ORDER BY s.score DESC) AS rank,
       count(*) OVER (PARTITION BY s.round_id, s.block, s.category_code) AS block_size,
       count(*) OVER (PARTITION BY s.round_id, s.block, s.category_code, s.score) > 1 AS tied
  FROM assessment_score s
  JOIN assessment_round r ON r.id = s.round_id
  JOIN assessment_category c ON c.round_id = s.round_id AND c.code = s.category_code;
