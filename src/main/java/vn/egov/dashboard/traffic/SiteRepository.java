package vn.egov.dashboard.traffic;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reads sites and their published counter readings. Polls resolve their site through the
 * {@code DataLoader<String, Site>} registered by {@link SiteLoader}.
 */
@Repository
public class SiteRepository {

	private static final String COLUMNS = "code, name, name_en, agency_code, base_url, visit_offset, counting_from, note, sample, sample_from, sample_until";

	private final DatabaseClient db;

	SiteRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Every site, ordered by code. */
	Flux<Site> findAll() {
		return this.db.sql("SELECT " + COLUMNS + " FROM site ORDER BY code").map(MAPPER).all();
	}

	/** The site with this code, or empty. */
	public Mono<Site> findByCode(String code) {
		return findByCodes(List.of(code)).next();
	}

	/** The sites with these codes, in no particular order; unknown codes are skipped. */
	public Flux<Site> findByCodes(Collection<String> codes) {
		return this.db.sql("SELECT " + COLUMNS + " FROM site WHERE code = ANY (:codes)")
			.bind("codes", codes.toArray(String[]::new))
			.map(MAPPER)
			.all();
	}

	/** The readings of each of these sites, oldest first, keyed by site code. */
	Mono<Map<String, Collection<SiteReading>>> findReadings(Collection<String> codes) {
		return this.db.sql("""
				SELECT site_code, read_at, total_visits, guests_online, members_online, source
				  FROM site_reading WHERE site_code = ANY (:codes) ORDER BY site_code, read_at""")
			.bind("codes", codes.toArray(String[]::new))
			.map((row) -> new SiteReading(row.get("site_code", String.class), row.get("read_at", OffsetDateTime.class),
					row.get("total_visits", Long.class), row.get("guests_online", Integer.class),
					row.get("members_online", Integer.class), row.get("source", String.class)))
			.all()
			.collectMultimap(SiteReading::siteCode);
	}

	private static final BiFunction<Row, RowMetadata, Site> MAPPER = (row, meta) -> new Site(
			row.get("code", String.class), row.get("name", String.class), row.get("name_en", String.class),
			row.get("agency_code", String.class), row.get("base_url", String.class),
			row.get("visit_offset", Long.class), row.get("counting_from", OffsetDateTime.class),
			row.get("note", String.class), Boolean.TRUE.equals(row.get("sample", Boolean.class)),
			row.get("sample_from", OffsetDateTime.class), row.get("sample_until", OffsetDateTime.class));

}
