-- Foundation: agencies, legal documents, plans and tasks, indicators, targets and measurements.
-- Vietnamese search is diacritic-insensitive through unaccent (which also folds đ/Đ to d/D).

CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is STABLE because its dictionary can change; pinning the dictionary makes it safe to index.
CREATE FUNCTION search_key(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

CREATE TABLE agency (
	code            text PRIMARY KEY,
	official_code   text,
	name            text NOT NULL,
	full_name       text,
	name_en         text NOT NULL,
	kind            text NOT NULL CHECK (kind IN ('MINISTRY', 'MINISTERIAL_AGENCY', 'GOVERNMENT_AGENCY', 'PROVINCE', 'UNIT', 'NATION')),
	parent_code     text REFERENCES agency (code),
	region          text,
	valid_from      date,
	valid_to        date,
	successor_code  text REFERENCES agency (code),
	note            text,
	source          text,
	search_text     text GENERATED ALWAYS AS (search_key(name || ' ' || coalesce(full_name, '') || ' ' || name_en || ' ' || code)) STORED,
	CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);
CREATE INDEX agency_kind_idx ON agency (kind, code);
CREATE INDEX agency_parent_idx ON agency (parent_code);
CREATE INDEX agency_successor_idx ON agency (successor_code);

CREATE TABLE legal_document (
	id          bigserial PRIMARY KEY,
	number      text NOT NULL UNIQUE,
	kind        text NOT NULL,
	issuer      text NOT NULL,
	issued_on   date,
	title       text NOT NULL,
	title_en    text,
	summary     text,
	url         text
);

-- "căn cứ": document_id is based on basis_id.
CREATE TABLE document_basis (
	document_id bigint NOT NULL REFERENCES legal_document (id) ON DELETE CASCADE,
	basis_id    bigint NOT NULL REFERENCES legal_document (id) ON DELETE CASCADE,
	PRIMARY KEY (document_id, basis_id),
	CHECK (document_id <> basis_id)
);
CREATE INDEX document_basis_reverse_idx ON document_basis (basis_id, document_id);

CREATE TABLE plan (
	id                    bigserial PRIMARY KEY,
	agency_code           text NOT NULL REFERENCES agency (code),
	kind                  text NOT NULL CHECK (kind IN ('FIVE_YEAR', 'ANNUAL', 'IMPLEMENTATION')),
	title                 text NOT NULL,
	period_start          int NOT NULL,
	period_end            int NOT NULL,
	status                text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'SUPERSEDED')),
	guiding_document_id   bigint REFERENCES legal_document (id),
	approving_document_id bigint REFERENCES legal_document (id),
	due_on                date,
	submitted_on          date,
	approved_on           date,
	note                  text,
	created_at            timestamptz NOT NULL DEFAULT now(),
	updated_at            timestamptz NOT NULL DEFAULT now(),
	CHECK (period_start <= period_end)
);
CREATE INDEX plan_agency_idx ON plan (agency_code, id);
CREATE INDEX plan_status_idx ON plan (status, id);
CREATE INDEX plan_period_idx ON plan (period_start, period_end);

-- Numbered duties that a document assigns to every agency it is sent to.
CREATE TABLE task (
	id           bigserial PRIMARY KEY,
	document_id  bigint NOT NULL REFERENCES legal_document (id),
	number       int NOT NULL,
	title        text NOT NULL,
	due_on       date,
	UNIQUE (document_id, number)
);

CREATE TABLE task_report (
	task_id      bigint NOT NULL REFERENCES task (id),
	agency_code  text NOT NULL REFERENCES agency (code),
	status       text NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'DONE')),
	reported_on  date,
	note         text,
	PRIMARY KEY (task_id, agency_code)
);

CREATE TABLE indicator (
	code        text PRIMARY KEY,
	name        text NOT NULL,
	name_en     text NOT NULL,
	unit        text NOT NULL CHECK (unit IN ('PERCENT', 'COUNT', 'SCORE', 'RANK', 'RANK_PLACES')),
	direction   text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
	pillar      text,
	description text
);

CREATE TABLE target (
	id                 bigserial PRIMARY KEY,
	indicator_code     text NOT NULL REFERENCES indicator (code),
	value              numeric NOT NULL,
	-- upper end of a range target ("tăng 10–15 bậc"), else null
	value_max          numeric,
	comparator         text NOT NULL DEFAULT '>=' CHECK (comparator IN ('=', '>=', '>', '<=')),
	deadline           date NOT NULL,
	baseline_value     numeric,
	baseline_on        date,
	scope              text NOT NULL CHECK (scope IN ('NATIONAL', 'BLOCK', 'AGENCY')),
	block              text,
	agency_code        text REFERENCES agency (code),
	source_document_id bigint REFERENCES legal_document (id),
	plan_id            bigint REFERENCES plan (id),
	code               text UNIQUE,
	note               text,
	CHECK ((scope = 'AGENCY') = (agency_code IS NOT NULL)),
	CHECK ((scope = 'BLOCK') = (block IS NOT NULL))
);
CREATE INDEX target_indicator_idx ON target (indicator_code);
CREATE INDEX target_agency_idx ON target (agency_code);
CREATE INDEX target_plan_idx ON target (plan_id);

-- A correction is a new row pointing at the row it replaces; the old row is kept and marked replaced.
-- At most one value is in force per indicator × agency × period, which the partial unique index enforces
-- even under concurrent writes.
CREATE TABLE measurement (
	id              bigserial PRIMARY KEY,
	indicator_code  text NOT NULL REFERENCES indicator (code),
	agency_code     text NOT NULL REFERENCES agency (code),
	period          date NOT NULL,
	value           numeric NOT NULL,
	source          text NOT NULL,
	corrects_id     bigint UNIQUE REFERENCES measurement (id),
	replaced        boolean NOT NULL DEFAULT false,
	recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX measurement_current_idx ON measurement (indicator_code, agency_code, period) WHERE NOT replaced;
CREATE INDEX measurement_series_idx ON measurement (indicator_code, period DESC, id DESC);
CREATE INDEX measurement_agency_idx ON measurement (agency_code, indicator_code, period DESC, id DESC);
