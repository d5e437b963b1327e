package vn.egov.dashboard.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Loads the demo data set from {@code classpath:demo/} into an empty database, in one
 * transaction, before the server accepts requests. A database that already holds agencies
 * is left alone. Switched off with {@code egov.demo-data.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "egov.demo-data.enabled", matchIfMissing = true)
class DemoDataLoader implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(DemoDataLoader.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final List<DemoDataSet> extensions;

	DemoDataLoader(DatabaseClient db, TransactionalOperator transaction, List<DemoDataSet> extensions) {
		this.db = db;
		this.transaction = transaction;
		this.extensions = extensions;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Long agencies = this.db.sql("SELECT count(*) FROM agency")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TIMEOUT);
		if (agencies != null && agencies > 0) {
			return;
		}
		long started = System.nanoTime();
		Flux<String> steps = Flux.concat(agencies(), documents(), indicators(), plansAndTargets(), tasks(),
				SampleMeasurements.insert(this.db), NationalMeasurements.insert(this.db),
				Flux.fromIterable(this.extensions).concatMap((set) -> set.load(this.db)));
		steps.doOnNext(logger::info).as(this.transaction::transactional).then().block(TIMEOUT);
		// Statistics of the new rows at once: until autovacuum gets to them (never where
		// it is switched off), the
		// planner guesses from empty tables and picks nested loops that make ranked reads
		// 10 times slower.
		this.db.sql("ANALYZE").then().block(TIMEOUT);
		logger.info("Demo data loaded in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
	}

	private Flux<String> agencies() {
		Mono<Long> nation = this.db.sql("""
				INSERT INTO agency (code, name, full_name, name_en, kind, note)
				VALUES ('VN', 'Việt Nam', 'Nước Cộng hòa xã hội chủ nghĩa Việt Nam', 'Viet Nam', 'NATION',
				        'Cả nước: đơn vị của các chỉ số quốc gia (national indices).')""").fetch().rowsUpdated();
		Flux<Long> central = Flux.fromIterable(read("central_agencies.csv"))
			.concatMap((r) -> run("""
					INSERT INTO agency (code, name, name_en, kind, valid_from, valid_to, note, source)
					VALUES (:code, :name, :nameEn, :kind, :validFrom, :validTo, :note, :source)""", "code", r.get("id"),
					"name", r.get("name_vi"), "nameEn", r.get("name_en"), "kind", r.get("kind"), "validFrom",
					date(r, "valid_from"), "validTo", date(r, "valid_to"), "note", text(r, "note"), "source",
					text(r, "source")));
		Flux<Long> provinces = Flux.fromIterable(read("provinces.csv"))
			.concatMap((r) -> run(
					"""
							INSERT INTO agency (code, official_code, name, full_name, name_en, kind, region, valid_from, valid_to, source)
							VALUES (:code, :officialCode, :name, :fullName, :nameEn, 'PROVINCE', :region, :validFrom, :validTo, :source)""",
					"code", r.get("id"), "officialCode", r.get("code"), "name", r.get("name"), "fullName",
					r.get("full_name"), "nameEn", r.get("name_en"), "region", text(r, "region"), "validFrom",
					date(r, "valid_from"), "validTo", date(r, "valid_to"), "source", text(r, "source")));
		Flux<Long> successors = Flux
			.concat(Flux.fromIterable(read("central_agencies.csv")), Flux.fromIterable(read("provinces.csv")))
			.filter((r) -> !r.get("successor_id").isEmpty())
			.concatMap((r) -> this.db.sql("UPDATE agency SET successor_code = :successor WHERE code = :code")
				.bind("successor", r.get("successor_id"))
				.bind("code", r.get("id"))
				.fetch()
				.rowsUpdated());
		return count("agencies", Flux.concat(nation, central, provinces))
			.concatWith(count("successor links", successors));
	}

	private Flux<String> documents() {
		Flux<Long> documents = Flux.fromIterable(read("documents.csv"))
			.concatMap((r) -> run("""
					INSERT INTO legal_document (number, kind, issuer, issued_on, title, title_en, summary, url)
					VALUES (:number, :kind, :issuer, :issuedOn, :title, :titleEn, :summary, :url)""", "number",
					r.get("number"), "kind", r.get("kind"), "issuer", r.get("issuer"), "title", r.get("title"),
					"issuedOn", date(r, "issued_on"), "titleEn", text(r, "title_en"), "summary", text(r, "summary"),
					"url", text(r, "url")));
		Flux<Long> basis = Flux.fromIterable(read("document_basis.csv"))
			.concatMap((r) -> run(
					"""
							INSERT INTO document_basis (document_id, basis_id)
							SELECT d.id, b.id FROM legal_document d, legal_document b WHERE d.number = :document AND b.number = :basis""",
					"document", r.get("document_number"), "basis", r.get("basis_number")));
		return count("legal documents", documents).concatWith(count("legal-basis links", basis));
	}

	private Flux<String> indicators() {
		return count("indicators", Flux.fromIterable(read("indicators.csv"))
			.concatMap((r) -> run("""
					INSERT INTO indicator (code, name, name_en, unit, direction, pillar, description)
					VALUES (:code, :name, :nameEn, :unit, :direction, :pillar, :description)""", "code", r.get("code"),
					"name", r.get("name"), "nameEn", r.get("name_en"), "unit", r.get("unit"), "direction",
					r.get("direction"), "pillar", text(r, "pillar"), "description", text(r, "description"))));
	}

	/**
	 * Inserts the plans, then the targets, which refer to plans by their key in the data
	 * files.
	 */
	private Flux<String> plansAndTargets() {
		return Flux.fromIterable(read("plans.csv"))
			.concatMap((r) -> this.db.sql("""
					INSERT INTO plan (agency_code, kind, title, period_start, period_end, status, guiding_document_id,
					                  approving_document_id, due_on, submitted_on, approved_on, note)
					VALUES (:agency, :kind, :title, :start, :end, :status,
					        (SELECT id FROM legal_document WHERE number = :guiding),
					        (SELECT id FROM legal_document WHERE number = :approving),
					        :dueOn, :submittedOn, :approvedOn, :note)
					RETURNING id""")
				.bind("agency", r.get("agency_code"))
				.bind("kind", r.get("kind"))
				.bind("title", r.get("title"))
				.bind("start", Integer.valueOf(r.get("period_start")))
				.bind("end", Integer.valueOf(r.get("period_end")))
				.bind("status", r.get("status"))
				.bind("guiding", r.get("guiding_document_number"))
				.bind("approving", r.get("approving_document_number"))
				.bind("note", Parameter.fromOrEmpty(text(r, "note"), String.class))
				.bind("dueOn", Parameter.fromOrEmpty(date(r, "due_on"), LocalDate.class))
				.bind("submittedOn", Parameter.fromOrEmpty(date(r, "submitted_on"), LocalDate.class))
				.bind("approvedOn", Parameter.fromOrEmpty(date(r, "approved_on"), LocalDate.class))
				.map((row) -> Map.entry(r.get("key"), row.get("id", Long.class)))
				.one())
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.flatMapMany(
					(planIds) -> Flux.just("Demo data: " + planIds.size() + " plans").concatWith(targets(planIds)));
	}

	private Flux<String> targets(Map<String, Long> planIds) {
		Map<String, String> indicatorOf = map(read("target_indicators.csv"), "target_id", "indicator_code");
		Map<String, String> planOf = map(read("plan_targets.csv"), "target_id", "plan_key");
		Map<String, CSVRecord> baselines = new HashMap<>();
		read("target_baselines.csv").forEach((r) -> baselines.put(r.get("target_id"), r));
		return count("targets", Flux.fromIterable(read("targets.csv")).concatMap((r) -> {
			String scope = r.get("scope");
			boolean agency = scope.equals("PROVINCE");
			String planKey = planOf.get(r.get("id"));
			CSVRecord baseline = baselines.get(r.get("id"));
			String note = (baseline == null) ? text(r, "note")
					: (r.get("note").isEmpty() ? "" : r.get("note") + " ") + baseline.get("note");
			return run("""
					INSERT INTO target (code, indicator_code, value, value_max, comparator, deadline, baseline_value,
					                    baseline_on, scope, block, agency_code, source_document_id, plan_id, note)
					VALUES (:code, :indicator, :value, :valueMax, :comparator, :deadline, :baselineValue, :baselineOn,
					        :scope, :block, :agency, (SELECT id FROM legal_document WHERE number = :document), :planId,
					        :note)""", "baselineValue",
					(baseline != null) ? new BigDecimal(baseline.get("baseline_value")) : null, "baselineOn",
					(baseline != null) ? LocalDate.parse(baseline.get("baseline_on")) : null, "code", r.get("id"),
					"indicator", indicatorOf.get(r.get("id")), "value", new BigDecimal(r.get("value")), "valueMax",
					r.get("value_max").isEmpty() ? null : new BigDecimal(r.get("value_max")), "comparator",
					r.get("comparator"), "deadline", LocalDate.of(Integer.parseInt(r.get("target_year")), 12, 31),
					"scope", scope.equals("NATIONAL") ? "NATIONAL" : agency ? "AGENCY" : "BLOCK", "block",
					(scope.equals("NATIONAL") || agency) ? null : scope, "agency",
					agency ? r.get("scope_agency_id") : null, "document", text(r, "document_number"), "planId",
					(planKey != null) ? planIds.get(planKey) : null, "note", note);
		}));
	}

	private Flux<String> tasks() {
		return count("tasks",
				Flux.fromIterable(read("tasks.csv"))
					.concatMap((r) -> run("""
							INSERT INTO task (document_id, number, title, due_on)
							SELECT id, :number, :title, :dueOn FROM legal_document WHERE number = :document""",
							"document", r.get("document_number"), "number", Integer.valueOf(r.get("number")), "title",
							r.get("title"), "dueOn", date(r, "due_on"))));
	}

	/**
	 * Runs {@code sql} with its parameters given as name, value, name, value…; a null
	 * value is bound as a typed null, the type read from the parameter's name.
	 */
	private Mono<Long> run(String sql, @Nullable Object... namesAndValues) {
		GenericExecuteSpec spec = this.db.sql(sql);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			String name = (String) namesAndValues[i];
			Object value = namesAndValues[i + 1];
			spec = (value != null) ? spec.bind(name, value) : spec.bindNull(name, typeOf(name));
		}
		return spec.fetch().rowsUpdated();
	}

	private static Class<?> typeOf(String name) {
		if (name.endsWith("On") || name.startsWith("valid")) {
			return LocalDate.class;
		}
		return switch (name) {
			case "valueMax", "baselineValue" -> BigDecimal.class;
			case "planId" -> Long.class;
			default -> String.class;
		};
	}

	private static Flux<String> count(String what, Flux<Long> rows) {
		return rows.reduce(0L, Long::sum).map((n) -> "Demo data: " + n + " " + what).flux();
	}

	static List<CSVRecord> read(String name) {
		ClassPathResource resource = new ClassPathResource("demo/" + name);
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read demo/" + name, ex);
		}
	}

	private static Map<String, String> map(List<CSVRecord> rows, String key, String value) {
		return rows.stream().collect(java.util.stream.Collectors.toMap((r) -> r.get(key), (r) -> r.get(value)));
	}

	private static @Nullable String text(CSVRecord row, String column) {
		String value = row.get(column);
		return value.isEmpty() ? null : value;
	}

	private static @Nullable LocalDate date(CSVRecord row, String column) {
		String value = row.get(column);
		return value.isEmpty() ? null : LocalDate.parse(value);
	}

}
