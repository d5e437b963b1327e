-- Who may write, and the record of every write they made.

-- API keys for agencies' systems that report automatically. A key reads egov_<prefix>_<secret>; only the
-- prefix (to find the row) and the SHA-256 of the whole key are kept, so the key cannot be read back.
CREATE TABLE api_key (
	id            bigserial PRIMARY KEY,
	prefix        text NOT NULL UNIQUE CHECK (prefix ~ '^[a-z0-9]{8}$'),
	key_sha256    bytea NOT NULL CHECK (length(key_sha256) = 32),
	label         text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
	role          text NOT NULL CHECK (role IN ('ADMIN', 'ANALYST', 'AGENCY_EDITOR')),
	-- The agency whose data an AGENCY_EDITOR key may write; no other role is scoped to an agency.
	agency_code   text REFERENCES agency (code),
	created_at    timestamptz NOT NULL,
	created_by    text NOT NULL,
	-- Updated at most once a minute per key, not on every request.
	last_used_at  timestamptz,
	revoked_at    timestamptz,
	CHECK ((role = 'AGENCY_EDITOR') = (agency_code IS NOT NULL))
);

-- Every authenticated write: who, when, which operation, and the row before and after (JSON).
-- Anonymous public writes (votes, page views) are counted in their own tables, not here.
CREATE TABLE audit_entry (
	id            bigserial PRIMARY KEY,
	at            timestamptz NOT NULL,
	actor         text NOT NULL,
	actor_roles   text[] NOT NULL,
	actor_agency  text,
	action        text NOT NULL,
	entity        text NOT NULL,
	entity_id     text,
	old_value     jsonb,
	new_value     jsonb
);

CREATE INDEX audit_entry_entity ON audit_entry (entity, id);
CREATE INDEX audit_entry_actor ON audit_entry (actor, id);

-- The log is append-only, whatever the application's database user may do otherwise.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_entry is append-only';
END;
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
	FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- Key hashes and the audit log are for the application alone: take back what default privileges granted to
-- other roles when the tables were created (such as Grafana's read-only role, see grafana/postgres-init).
DO $$
DECLARE
	grantee_name text;
BEGIN
	FOR grantee_name IN
		SELECT DISTINCT grantee FROM information_schema.role_table_grants
		 WHERE table_schema = current_schema() AND table_name IN ('api_key', 'audit_entry')
		   AND grantee NOT IN (current_user, 'PUBLIC')
	LOOP
		EXECUTE format('REVOKE ALL ON api_key, audit_entry FROM %I', grantee_name);
	END LOOP;
END;
$$;
