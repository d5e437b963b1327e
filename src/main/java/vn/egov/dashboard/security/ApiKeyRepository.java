package vn.egov.dashboard.security;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.BiFunction;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.system.Binds;

/**
 * API keys in the database: only the prefix and the SHA-256 of the key are stored.
 */
@Repository
class ApiKeyRepository {

	/** A key's row with the hash to check a presented key against. */
	record StoredKey(ApiKey key, byte[] sha256) {
	}

	private static final String COLUMNS = """
			id, prefix, label, role, agency_code, created_at, created_by, last_used_at, revoked_at""";

	private static final String INSERT = """
			INSERT INTO api_key (prefix, key_sha256, label, role, agency_code, created_at, created_by)
			VALUES (:prefix, :sha256, :label, :role, :agencyCode, :now, :createdBy)
			RETURNING %s""".formatted(COLUMNS);

	private static final String FIND_PAGE = """
			SELECT %s
			  FROM api_key
			 WHERE (:includeRevoked OR revoked_at IS NULL)
			   AND (cast(:afterId AS bigint) IS NULL OR id < :afterId)
			 ORDER BY id DESC
			 LIMIT :limit""".formatted(COLUMNS);

	private static final String REVOKE = """
			UPDATE api_key SET revoked_at = coalesce(revoked_at, :now)
			 WHERE id = :id
			RETURNING %s""".formatted(COLUMNS);

	private static final String TOUCH = """
			UPDATE api_key SET last_used_at = :now
			 WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :stale)""";

	private static final BiFunction<Row, RowMetadata, ApiKey> MAPPER = (row, meta) -> new ApiKey(
			row.get("id", Long.class), row.get("prefix", String.class), row.get("label", String.class),
			Role.valueOf(row.get("role", String.class)), row.get("agency_code", String.class),
			row.get("created_at", OffsetDateTime.class), row.get("created_by", String.class),
			row.get("last_used_at", OffsetDateTime.class), row.get("revoked_at", OffsetDateTime.class));

	private final DatabaseClient db;

	ApiKeyRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<ApiKey> insert(String prefix, byte[] sha256, String label, Role role, @Nullable String agencyCode,
			OffsetDateTime now, String createdBy) {
		GenericExecuteSpec spec = this.db.sql(INSERT)
			.bind("prefix", prefix)
			.bind("sha256", sha256)
			.bind("label", label)
			.bind("role", role.name())
			.bind("now", now)
			.bind("createdBy", createdBy);
		return Binds.orNull(spec, "agencyCode", agencyCode, String.class).map(MAPPER).one();
	}

	Mono<StoredKey> findByPrefix(String prefix) {
		return this.db.sql("SELECT " + COLUMNS + ", key_sha256 FROM api_key WHERE prefix = :prefix")
			.bind("prefix", prefix)
			.map((row, meta) -> new StoredKey(MAPPER.apply(row, meta), row.get("key_sha256", byte[].class)))
			.one();
	}

	Mono<ApiKey> findById(long id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = :id").bind("id", id).map(MAPPER).one();
	}

	Flux<ApiKey> find(boolean includeRevoked, Page page) {
		GenericExecuteSpec spec = this.db.sql(FIND_PAGE)
			.bind("includeRevoked", includeRevoked)
			.bind("limit", page.fetchSize());
		Long after = (page.after() != null) ? page.longKey("id") : null;
		return Binds.orNull(spec, "afterId", after, Long.class).map(MAPPER).all();
	}

	Mono<Long> count(boolean includeRevoked) {
		return this.db.sql("SELECT count(*) FROM api_key WHERE (:includeRevoked OR revoked_at IS NULL)")
			.bind("includeRevoked", includeRevoked)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/** The key, revoked now or earlier; empty when there is no such key. */
	Mono<ApiKey> revoke(long id, OffsetDateTime now) {
		return this.db.sql(REVOKE).bind("id", id).bind("now", now).map(MAPPER).one();
	}

	/**
	 * Records a use unless one was recorded after {@code stale}: at most one write per
	 * key and interval.
	 */
	Mono<Long> touch(long id, OffsetDateTime now, OffsetDateTime stale) {
		return this.db.sql(TOUCH).bind("id", id).bind("now", now).bind("stale", stale).fetch().rowsUpdated();
	}

	static Map<String, Object> cursor(ApiKey key) {
		return Map.of("id", key.id());
	}

}
