package vn.egov.dashboard.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.system.Binds;

/**
 * The audit log: who wrote what, when, with the row before and after. Write services call
 * {@link #record} inside their transaction, so an entry exists exactly when its write
 * committed; the table is append-only (a trigger refuses UPDATE and DELETE). Read by
 * ADMINs only.
 */
@Component
public class AuditLog {

	private static final String INSERT = """
			INSERT INTO audit_entry (at, actor, actor_roles, actor_agency, action, entity, entity_id, old_value, new_value)
			VALUES (:at, :actor, :roles, :agency, :action, :entity, :entityId, :oldValue, :newValue)""";

	private static final String FILTER = """
			WHERE (cast(:entity AS text) IS NULL OR entity = :entity)
			  AND (cast(:actor AS text) IS NULL OR actor = :actor)""";

	private static final String FIND_PAGE = """
			SELECT id, at, actor, actor_roles, actor_agency, action, entity, entity_id, old_value, new_value
			  FROM audit_entry
			%s
			   AND (cast(:afterId AS bigint) IS NULL OR id < :afterId)
			 ORDER BY id DESC
			 LIMIT :limit""".formatted(FILTER);

	private final DatabaseClient db;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(DatabaseClient db, JsonMapper json, Clock clock) {
		this.db = db;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records a write by the current caller; run it inside the write's transaction.
	 * Values are serialised as JSON (records become objects). Fails when nobody is signed
	 * in: every audited write needs a caller.
	 */
	public Mono<Void> record(String action, String entity, @Nullable Object entityId, @Nullable Object oldValue,
			@Nullable Object newValue) {
		return Access.caller()
			.switchIfEmpty(
					Mono.error(() -> new IllegalStateException(action + " reached the audit log without a caller")))
			.flatMap((caller) -> {
				GenericExecuteSpec spec = this.db.sql(INSERT)
					.bind("at", OffsetDateTime.now(this.clock))
					.bind("actor", caller.name())
					.bind("roles", caller.roles().stream().map(Role::name).sorted().toArray(String[]::new))
					.bind("action", action)
					.bind("entity", entity);
				spec = Binds.orNull(spec, "agency", caller.agencyCode(), String.class);
				spec = Binds.orNull(spec, "entityId", (entityId != null) ? entityId.toString() : null, String.class);
				spec = Binds.orNull(spec, "oldValue", toJson(oldValue), Json.class);
				spec = Binds.orNull(spec, "newValue", toJson(newValue), Json.class);
				return spec.then();
			});
	}

	@AdminOnly
	public Mono<List<AuditEntry>> find(@Nullable String entity, @Nullable String actor, Page page) {
		GenericExecuteSpec spec = filter(this.db.sql(FIND_PAGE), entity, actor).bind("limit", page.fetchSize());
		Long after = (page.after() != null) ? page.longKey("id") : null;
		return Binds.orNull(spec, "afterId", after, Long.class).map((row, meta) -> entry(row)).all().collectList();
	}

	/**
	 * Reached only through a connection that {@link #find} already authorised (it runs
	 * lazily, for totalCount).
	 */
	public Mono<Long> count(@Nullable String entity, @Nullable String actor) {
		return filter(this.db.sql("SELECT count(*) FROM audit_entry\n" + FILTER), entity, actor)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	static Map<String, Object> cursor(AuditEntry entry) {
		return Map.of("id", entry.id());
	}

	private static GenericExecuteSpec filter(GenericExecuteSpec spec, @Nullable String entity, @Nullable String actor) {
		return Binds.orNull(Binds.orNull(spec, "entity", entity, String.class), "actor", actor, String.class);
	}

	private @Nullable Json toJson(@Nullable Object value) {
		return (value != null) ? Json.of(this.json.writeValueAsString(value)) : null;
	}

	private @Nullable Object fromJson(@Nullable Json value) {
		return (value != null) ? this.json.readValue(value.asString(), Object.class) : null;
	}

	private AuditEntry entry(Row row) {
		String[] roles = row.get("actor_roles", String[].class);
		return new AuditEntry(row.get("id", Long.class), row.get("at", OffsetDateTime.class),
				row.get("actor", String.class),
				(roles != null) ? Arrays.stream(roles).map(Role::valueOf).toList() : List.of(),
				row.get("actor_agency", String.class), row.get("action", String.class), row.get("entity", String.class),
				row.get("entity_id", String.class), fromJson(row.get("old_value", Json.class)),
				fromJson(row.get("new_value", Json.class)));
	}

}
