-- Task reports keep their history (issue 20): a second report on a task is a new row, no longer an overwrite of the
-- agency's first. The agency's current report on a task is its latest recorded one.
ALTER TABLE task_report DROP CONSTRAINT task_report_pkey;
ALTER TABLE task_report ADD COLUMN id bigserial PRIMARY KEY;
ALTER TABLE task_report ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX task_report_latest_idx ON task_report (task_id, agency_code, id DESC);
