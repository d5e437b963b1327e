-- Search finds the names people type (issue 21): abbreviations, old spellings and short forms of agencies and
-- legal documents, from a curated table. A search whose whole text, ignoring case, diacritics (đ = d), spaces
-- and punctuation, is an alias's key also finds what the alias stands for: "TP.HCM", "tp hcm" and "HCM" have the
-- key "tphcm" or "hcm". Tone placements (Hoà/Hòa), decomposed input and đ/d are folded by search_key already.

-- The compact key of a text: search_key without anything but letters and digits.
CREATE FUNCTION alias_key(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	RETURN regexp_replace(search_key($1), '[^a-z0-9]', '', 'g');

CREATE TABLE search_alias (
	scope       text NOT NULL CHECK (scope IN ('AGENCY', 'DOCUMENT')),
	alias       text NOT NULL,
	-- AGENCY: a name, found as whole words in an agency's names; DOCUMENT: a document's number as written.
	stands_for  text NOT NULL CHECK (scope = 'DOCUMENT' OR stands_for ~ '^[[:alpha:] ]+$'),
	note        text NOT NULL,
	alias_key   text GENERATED ALWAYS AS (alias_key(alias)) STORED,
	-- the words of an AGENCY alias's name, as a regular expression over agency.search_text
	name_words  text GENERATED ALWAYS AS ('\m' || search_key(stands_for) || '\M') STORED,
	PRIMARY KEY (scope, alias, stands_for)
);
CREATE INDEX search_alias_key_idx ON search_alias (scope, alias_key);

INSERT INTO search_alias (scope, alias, stands_for, note) VALUES
	('AGENCY', 'TP HCM', 'Thành phố Hồ Chí Minh', 'common abbreviation (TP.HCM, TPHCM, TP. HCM)'),
	('AGENCY', 'HCM', 'Thành phố Hồ Chí Minh', 'common abbreviation'),
	('AGENCY', 'HCMC', 'Thành phố Hồ Chí Minh', 'English abbreviation'),
	('AGENCY', 'Sài Gòn', 'Thành phố Hồ Chí Minh', 'the city''s name before 1976 (Saigon)'),
	('AGENCY', 'TP Sài Gòn', 'Thành phố Hồ Chí Minh', 'the city''s name before 1976'),
	('AGENCY', 'TP HN', 'Thành phố Hà Nội', 'common abbreviation'),
	('AGENCY', 'Daklak', 'Đắk Lắk', 'spelling without the space'),
	('AGENCY', 'Đắc Lắc', 'Đắk Lắk', 'old spelling with c (Dac Lac)'),
	('AGENCY', 'Darlac', 'Đắk Lắk', 'French-era spelling'),
	('AGENCY', 'Daknong', 'Đắk Nông', 'spelling without the space'),
	('AGENCY', 'Đắc Nông', 'Đắk Nông', 'old spelling with c'),
	('AGENCY', 'TT Huế', 'Thừa Thiên Huế', 'common abbreviation (TT-Huế, TTH)'),
	('AGENCY', 'TT Huế', 'Thành phố Huế', 'Thừa Thiên Huế became the centrally governed city of Huế on 2025-01-01'),
	('AGENCY', 'TTH', 'Thừa Thiên Huế', 'common abbreviation'),
	('AGENCY', 'TTH', 'Thành phố Huế', 'Thừa Thiên Huế became the centrally governed city of Huế on 2025-01-01'),
	('AGENCY', 'Bộ TT&TT', 'Bộ Thông tin và Truyền thông', 'abbreviation (BTTTT, Bộ TTTT)'),
	('AGENCY', 'Bộ TTTT', 'Bộ Thông tin và Truyền thông', 'abbreviation'),
	('AGENCY', 'Bộ KH&CN', 'Bộ Khoa học và Công nghệ', 'abbreviation (BKHCN, Bộ KHCN)'),
	('AGENCY', 'Bộ KHCN', 'Bộ Khoa học và Công nghệ', 'abbreviation'),
	('AGENCY', 'Bộ KH&ĐT', 'Bộ Kế hoạch và Đầu tư', 'abbreviation (Bộ KHĐT)'),
	('AGENCY', 'Bộ GD&ĐT', 'Bộ Giáo dục và Đào tạo', 'abbreviation (Bộ GDĐT)'),
	('DOCUMENT', 'QĐ 1819', '1819/QĐ-TTg', 'number without issuer (Quyết định 1819)'),
	('DOCUMENT', 'Quyết định 1819', '1819/QĐ-TTg', 'number without issuer'),
	('DOCUMENT', 'QĐ 749', '749/QĐ-TTg', 'number without issuer (Quyết định 749)'),
	('DOCUMENT', 'Quyết định 749', '749/QĐ-TTg', 'number without issuer'),
	('DOCUMENT', 'QĐ 942', '942/QĐ-TTg', 'number without issuer (Quyết định 942)'),
	('DOCUMENT', 'Quyết định 942', '942/QĐ-TTg', 'number without issuer'),
	('DOCUMENT', 'NQ 17', '17/NQ-CP', 'number without issuer (Nghị quyết 17)'),
	('DOCUMENT', 'Nghị quyết 17', '17/NQ-CP', 'number without issuer'),
	('DOCUMENT', 'NQ 76', '76/NQ-CP', 'number without issuer (Nghị quyết 76)'),
	('DOCUMENT', 'Nghị quyết 76', '76/NQ-CP', 'number without issuer'),
	('DOCUMENT', 'NĐ 64', '64/2007/NĐ-CP', 'number without year and issuer (Nghị định 64)'),
	('DOCUMENT', 'Nghị định 64', '64/2007/NĐ-CP', 'number without year and issuer'),
	('DOCUMENT', 'Công văn 50', '50/BTTTT-CĐSQG', 'number without issuer'),
	('DOCUMENT', 'Công văn 2055', '2055/BTTTT-THH', 'number without issuer');
