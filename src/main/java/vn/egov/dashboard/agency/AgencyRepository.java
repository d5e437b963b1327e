package vn.egov.dashboard.agency;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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
 * Reads agencies. Other features look agencies up through the
 * {@code DataLoader<String, Agency>} registered by {@link AgencyLoader}, or check
 * existence with {@link #findByCode}.
 */
@Repository
public class AgencyRepository {

	private static final String COLUMNS = """
			code, official_code, name, full_name, name_en, kind, parent_code, region,
			valid_from, valid_to, successor_code, note, source""";

	private static final String FILTER = filter(":kinds", ":asOf", ":parentCode", ":words");

	private static final String FIND_PAGE = "SELECT " + COLUMNS + " FROM agency " + FILTER + """
			  AND (cast(:afterCode AS text) IS NULL OR code > :afterCode)
			ORDER BY code
			LIMIT :limit
			""";

	private static final String COUNT = "SELECT count(*) FROM agency " + FILTER;

	private static final String FIND_BY_CODES = "SELECT " + COLUMNS + " FROM agency WHERE code = ANY (:codes)";

	private static final String FIND_BY_SUCCESSORS = "SELECT " + COLUMNS
			+ " FROM agency WHERE successor_code = ANY (:codes) ORDER BY code";

	private static final String FIND_BY_PARENTS = "SELECT " + COLUMNS
			+ " FROM agency WHERE parent_code = ANY (:codes) ORDER BY code";

	private final DatabaseClient db;

	AgencyRepository(DatabaseClient db) {
		this.db = db;
	}

	/** The agencies with these codes, locked until the transaction ends. */
	Flux<Agency> lockByCodes(Collection<String> codes) {
		return this.db.sql(FIND_BY_CODES + " ORDER BY code FOR UPDATE")
			.bind("codes", codes.toArray(String[]::new))
			.map(MAPPER)
			.all();
	}

	Mono<Void> insert(Agency agency) {
		GenericExecuteSpec spec = this.db
			.sql("""
					INSERT INTO agency (code, official_code, name, full_name, name_en, kind, parent_code, region, valid_from,
					                    source)
					VALUES (:code, :officialCode, :name, :fullName, :nameEn, :kind, :parentCode, :region, :validFrom,
					        :source)""")
			.bind("code", agency.code())
			.bind("name", agency.name())
			.bind("nameEn", agency.nameEn())
			.bind("kind", agency.kind().name());
		spec = Binds.orNull(spec, "officialCode", agency.officialCode(), String.class);
		spec = Binds.orNull(spec, "fullName", agency.fullName(), String.class);
		spec = Binds.orNull(spec, "parentCode", agency.parentCode(), String.class);
		spec = Binds.orNull(spec, "region", agency.region(), String.class);
		spec = Binds.orNull(spec, "validFrom", agency.validFrom(), LocalDate.class);
		return Binds.orNull(spec, "source", agency.source(), String.class).then();
	}

	/** Ends the agencies on {@code lastDay}, succeeded by {@code successorCode}. */
	Mono<Long> end(Collection<String> codes, LocalDate lastDay, String successorCode) {
		return this.db
			.sql("UPDATE agency SET valid_to = :lastDay, successor_code = :successor WHERE code = ANY (:codes)")
			.bind("codes", codes.toArray(String[]::new))
			.bind("lastDay", lastDay)
			.bind("successor", successorCode)
			.fetch()
			.rowsUpdated();
	}

	/** The agency with this code, or empty. */
	public Mono<Agency> findByCode(String code) {
		return findByCodes(List.of(code)).next();
	}

	/**
	 * The agencies with these codes, in no particular order; unknown codes are skipped.
	 */
	public Flux<Agency> findByCodes(Collection<String> codes) {
		return this.db.sql(FIND_BY_CODES).bind("codes", codes.toArray(String[]::new)).map(MAPPER).all();
	}

	/**
	 * The WHERE clause of {@link AgencyFilter} over the columns of {@code agency}, with
	 * these parameters. Each condition is switched off by a null parameter, so the
	 * statement text never changes. The aliases a search names are looked up once per
	 * statement (an uncorrelated {@code ARRAY(SELECT …)}), not once per agency.
	 */
	static String filter(String kinds, String asOf, String parentCode, String words) {
		return """
				WHERE (cast(%1$s AS text[]) IS NULL OR kind = ANY (cast(%1$s AS text[])))
				  AND (cast(%2$s AS date) IS NULL OR ((valid_from IS NULL OR valid_from <= %2$s)
				                                  AND (valid_to IS NULL OR valid_to >= %2$s)))
				  AND (cast(%3$s AS text) IS NULL OR parent_code = %3$s)
				  AND (cast(%4$s AS text[]) IS NULL
				       OR search_text LIKE ALL (SELECT '%%' || search_key(w) || '%%' FROM unnest(cast(%4$s AS text[])) w)
				       OR search_text ~ ANY (ARRAY(
				              SELECT a.name_words FROM search_alias a
				               WHERE a.scope = 'AGENCY'
				                 AND a.alias_key = alias_key(array_to_string(cast(%4$s AS text[]), '')))))
				"""
			.formatted(kinds, asOf, parentCode, words);
	}

	/** One page of the agencies matching {@code filter}, ordered by code. */
	Flux<Agency> find(AgencyFilter filter, Page page) {
		GenericExecuteSpec spec = bindFilter(this.db.sql(FIND_PAGE), filter).bind("limit", page.fetchSize());
		spec = (page.after() != null) ? spec.bind("afterCode", page.stringKey("code"))
				: spec.bindNull("afterCode", String.class);
		return spec.map(MAPPER).all();
	}

	/** How many agencies match {@code filter}. */
	Mono<Long> count(AgencyFilter filter) {
		return bindFilter(this.db.sql(COUNT), filter).map((row) -> row.get(0, Long.class)).one();
	}

	/** Agencies merged into each of {@code codes}, keyed by the successor's code. */
	Mono<Map<String, Collection<Agency>>> findPredecessors(Collection<String> codes) {
		return this.db.sql(FIND_BY_SUCCESSORS)
			.bind("codes", codes.toArray(String[]::new))
			.map(MAPPER)
			.all()
			.collectMultimap(Agency::successorCode);
	}

	/** Agencies under each of {@code codes}, keyed by the parent's code. */
	Mono<Map<String, Collection<Agency>>> findChildren(Collection<String> codes) {
		return this.db.sql(FIND_BY_PARENTS)
			.bind("codes", codes.toArray(String[]::new))
			.map(MAPPER)
			.all()
			.collectMultimap(Agency::parentCode);
	}

	private static GenericExecuteSpec bindFilter(GenericExecuteSpec spec, AgencyFilter filter) {
		spec = Binds.orNull(spec, "kinds",
				(filter.kinds() != null) ? filter.kinds().stream().map(Enum::name).toArray(String[]::new) : null,
				String[].class);
		spec = Binds.orNull(spec, "asOf", filter.asOf(), LocalDate.class);
		spec = Binds.orNull(spec, "parentCode", filter.parentCode(), String.class);
		return Binds.orNull(spec, "words", words(filter.search()), String[].class);
	}

	/**
	 * The search text split into words, with LIKE's wildcards taken literally; null when
	 * there are none.
	 */
	static String @Nullable [] words(@Nullable String search) {
		if (search == null || search.isBlank()) {
			return null;
		}
		return Arrays.stream(search.trim().split("\\s+")).map(Binds::likeLiteral).toArray(String[]::new);
	}

	static final BiFunction<Row, RowMetadata, Agency> MAPPER = (row, meta) -> new Agency(row.get("code", String.class),
			row.get("official_code", String.class), row.get("name", String.class), row.get("full_name", String.class),
			row.get("name_en", String.class), AgencyKind.valueOf(row.get("kind", String.class)),
			row.get("parent_code", String.class), row.get("region", String.class),
			row.get("valid_from", LocalDate.class), row.get("valid_to", LocalDate.class),
			row.get("successor_code", String.class), row.get("note", String.class), row.get("source", String.class));

}
