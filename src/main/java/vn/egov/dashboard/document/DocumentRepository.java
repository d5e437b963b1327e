package vn.egov.dashboard.document;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

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
 * Reads legal documents and the basis graph between them.
 */
@Repository
public class DocumentRepository {

	private static final String COLUMNS = "d.id, d.number, d.kind, d.issuer, d.issued_on, d.title, d.title_en, d.summary, d.url";

	/** Documents without a date sort as if issued on this day, after every dated one. */
	private static final LocalDate UNDATED = LocalDate.of(1, 1, 1);

	private static final String FIND_PAGE = "SELECT " + COLUMNS + " FROM legal_document d "
			+ page(":kind", ":search", ":afterDate", ":afterId") + " LIMIT :limit";

	private static final String COUNT = "SELECT count(*) FROM legal_document d " + filter(":kind", ":search");

	private static final String BASED_ON = "SELECT b.document_id AS key, " + COLUMNS
			+ " FROM document_basis b JOIN legal_document d ON d.id = b.basis_id WHERE b.document_id = ANY (:ids)"
			+ " ORDER BY " + relatedOrder("d");

	private static final String CITED_BY = "SELECT b.basis_id AS key, " + COLUMNS
			+ " FROM document_basis b JOIN legal_document d ON d.id = b.document_id WHERE b.basis_id = ANY (:ids)"
			+ " ORDER BY " + relatedOrder("d");

	private final DatabaseClient db;

	DocumentRepository(DatabaseClient db) {
		this.db = db;
	}

	/** The document with this number, or empty. */
	public Mono<LegalDocument> findByNumber(String number) {
		return this.db.sql("SELECT " + COLUMNS + " FROM legal_document d WHERE d.number = :number")
			.bind("number", number)
			.map(MAPPER)
			.one();
	}

	/** The document with this number, locked until the transaction ends, or empty. */
	Mono<LegalDocument> lockByNumber(String number) {
		return this.db.sql("SELECT " + COLUMNS + " FROM legal_document d WHERE d.number = :number FOR UPDATE")
			.bind("number", number)
			.map(MAPPER)
			.one();
	}

	Mono<LegalDocument> insert(LegalDocument document) {
		return bindFields(this.db.sql("""
				INSERT INTO legal_document AS d (number, kind, issuer, issued_on, title, title_en, summary, url)
				VALUES (:number, :kind, :issuer, :issuedOn, :title, :titleEn, :summary, :url)
				RETURNING """ + " " + COLUMNS), document).map(MAPPER).one();
	}

	Mono<LegalDocument> update(LegalDocument document) {
		return bindFields(this.db.sql("""
				UPDATE legal_document d
				   SET kind = :kind, issuer = :issuer, issued_on = :issuedOn, title = :title, title_en = :titleEn,
				       summary = :summary, url = :url
				 WHERE d.number = :number
				RETURNING """ + " " + COLUMNS), document).map(MAPPER).one();
	}

	private static GenericExecuteSpec bindFields(GenericExecuteSpec spec, LegalDocument document) {
		spec = spec.bind("number", document.number())
			.bind("kind", document.kind().name())
			.bind("issuer", document.issuer())
			.bind("title", document.title());
		spec = Binds.orNull(spec, "issuedOn", document.issuedOn(), LocalDate.class);
		spec = Binds.orNull(spec, "titleEn", document.titleEn(), String.class);
		spec = Binds.orNull(spec, "summary", document.summary(), String.class);
		return Binds.orNull(spec, "url", document.url(), String.class);
	}

	/** Makes {@code basisIds} the whole basis of the document {@code id}. */
	Mono<Void> replaceBasis(long id, Collection<Long> basisIds) {
		return this.db.sql("DELETE FROM document_basis WHERE document_id = :id")
			.bind("id", id)
			.then()
			.then(basisIds.isEmpty() ? Mono.empty()
					: this.db.sql("INSERT INTO document_basis (document_id, basis_id) SELECT :id, unnest(:basisIds)")
						.bind("id", id)
						.bind("basisIds", basisIds.toArray(Long[]::new))
						.then());
	}

	/**
	 * The numbers of the documents among {@code ids} that are based, directly or through
	 * others, on the document {@code target}.
	 */
	Flux<String> findBasedOnTransitively(Collection<Long> ids, long target) {
		return this.db.sql("""
				WITH RECURSIVE reach (start_id, id) AS (
				    SELECT d.id, d.id FROM legal_document d WHERE d.id = ANY (:ids)
				    UNION
				    SELECT r.start_id, b.basis_id FROM reach r JOIN document_basis b ON b.document_id = r.id
				)
				SELECT DISTINCT d.number FROM reach r JOIN legal_document d ON d.id = r.start_id WHERE r.id = :target
				""")
			.bind("ids", ids.toArray(Long[]::new))
			.bind("target", target)
			.map((row) -> row.get(0, String.class))
			.all();
	}

	/** The documents with these ids; unknown ids are skipped. */
	public Flux<LegalDocument> findByIds(Collection<Long> ids) {
		return this.db.sql("SELECT " + COLUMNS + " FROM legal_document d WHERE d.id = ANY (:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(MAPPER)
			.all();
	}

	Flux<LegalDocument> find(@Nullable String search, @Nullable DocumentKind kind, Page page) {
		GenericExecuteSpec spec = filter(this.db.sql(FIND_PAGE), search, kind).bind("limit", page.fetchSize());
		if (page.after() != null) {
			spec = spec.bind("afterDate", LocalDate.parse(page.stringKey("issuedOn")))
				.bind("afterId", page.longKey("id"));
		}
		else {
			spec = spec.bindNull("afterDate", LocalDate.class).bindNull("afterId", Long.class);
		}
		return spec.map(MAPPER).all();
	}

	Mono<Long> count(@Nullable String search, @Nullable DocumentKind kind) {
		return filter(this.db.sql(COUNT), search, kind).map((row) -> row.get(0, Long.class)).one();
	}

	/**
	 * The sort keys of a document in {@link #find}'s order, for its cursor: in this
	 * order, as the compiled path writes them ({@code DocumentSqlJson}).
	 */
	static Map<String, Object> cursor(LegalDocument document) {
		LocalDate issued = (document.issuedOn() != null) ? document.issuedOn() : UNDATED;
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("issuedOn", issued.toString());
		keys.put("id", document.id());
		return keys;
	}

	/**
	 * The WHERE clause of {@link #find} and {@link #count} over {@code legal_document d},
	 * with these placeholders for the kind's name and the search text
	 * ({@link #searchText}); either null switches its condition off.
	 */
	static String filter(String kind, String search) {
		return """
				WHERE (cast(%1$s AS text) IS NULL OR d.kind = %1$s)
				  AND (cast(%2$s AS text) IS NULL
				       OR search_key(d.number || ' ' || d.title || ' ' || coalesce(d.title_en, ''))
				          LIKE '%%' || search_key(%2$s) || '%%'
				       OR alias_key(d.number) = (SELECT alias_key(%2$s))
				       OR d.number = ANY (ARRAY(SELECT a.stands_for FROM search_alias a
				                                 WHERE a.scope = 'DOCUMENT' AND a.alias_key = alias_key(%2$s))))
				""".formatted(kind, search);
	}

	/**
	 * {@link #filter} with the rows after the cursor's keys ({@code afterDate} null: from
	 * the first), newest first; the LIMIT is the caller's.
	 */
	static String page(String kind, String search, String afterDate, String afterId) {
		return filter(kind, search) + """
				  AND (cast(%1$s AS date) IS NULL OR (%3$s, d.id) < (%1$s, %2$s))
				ORDER BY %3$s DESC, d.id DESC
				""".formatted(afterDate, afterId, issuedOnKey("d"));
	}

	/**
	 * The sort key {@code issuedOn} of the row {@code d}: undated documents sort last.
	 */
	static String issuedOnKey(String d) {
		return "coalesce(" + d + ".issued_on, DATE '0001-01-01')";
	}

	/** The order of {@code basedOn} and {@code citedBy} over the documents {@code d}. */
	static String relatedOrder(String d) {
		return d + ".issued_on NULLS LAST, " + d + ".id";
	}

	/**
	 * The text bound for {@code search}: trimmed, LIKE wildcards escaped; null if blank.
	 */
	static @Nullable String searchText(@Nullable String search) {
		return (search != null && !search.isBlank()) ? Binds.likeLiteral(search.trim()) : null;
	}

	/** For each of {@code ids}, the documents it is based on. */
	Mono<Map<Long, List<LegalDocument>>> findBasedOn(Collection<Long> ids) {
		return related(BASED_ON, ids);
	}

	/** For each of {@code ids}, the documents that cite it. */
	Mono<Map<Long, List<LegalDocument>>> findCitedBy(Collection<Long> ids) {
		return related(CITED_BY, ids);
	}

	private Mono<Map<Long, List<LegalDocument>>> related(String sql, Collection<Long> ids) {
		return this.db.sql(sql)
			.bind("ids", ids.toArray(Long[]::new))
			.map((row, meta) -> Map.entry(row.get("key", Long.class), MAPPER.apply(row, meta)))
			.all()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	private static GenericExecuteSpec filter(GenericExecuteSpec spec, @Nullable String search,
			@Nullable DocumentKind kind) {
		spec = (kind != null) ? spec.bind("kind", kind.name()) : spec.bindNull("kind", String.class);
		String text = searchText(search);
		return (text != null) ? spec.bind("search", text) : spec.bindNull("search", String.class);
	}

	private static final BiFunction<Row, RowMetadata, LegalDocument> MAPPER = (row, meta) -> new LegalDocument(
			row.get("id", Long.class), row.get("number", String.class),
			DocumentKind.valueOf(row.get("kind", String.class)), row.get("issuer", String.class),
			row.get("issued_on", LocalDate.class), row.get("title", String.class), row.get("title_en", String.class),
			row.get("summary", String.class), row.get("url", String.class));

}
