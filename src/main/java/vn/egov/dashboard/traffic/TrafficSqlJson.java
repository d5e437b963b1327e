package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJson.NotCompilable;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.InvalidInputException;

/**
 * {@code traffic} in SQL for compiled queries: a point for every bucket from the one
 * holding {@code from} to {@code to}, the stored one or zeros (sample zeros in the site's
 * period of generated traffic), as {@link TrafficController#traffic} answers. The buckets
 * are stepped in local time, which is exact while the zone's offset does not change in
 * the range (Asia/Ho_Chi_Minh has kept +07:00 since 1975); a range across a change, an
 * unknown site or bad arguments are left to the ordinary path, which gives their errors.
 */
@Configuration(proxyBeanMethods = false)
class TrafficSqlJson {

	@Bean
	SqlJsonType trafficQueries(SiteDirectory sites) {
		return new SqlJsonType("Query", Map.of("traffic", (field, row) -> traffic(field, sites)));
	}

	/**
	 * A point: a row of (start as local time, views, member_views, visitors, sample,
	 * start_offset).
	 */
	@Bean
	SqlJsonType trafficPointFields() {
		// The DateTime scalar writes milliseconds and the offset:
		// 2025-03-01T00:00:00.000+07:00.
		return new SqlJsonType("TrafficPoint",
				Map.of("start",
						(field, row) -> "'\"' || to_char(" + row + ".start, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') || " + row
								+ ".start_offset || '\"'",
						"views", (field, row) -> SqlJson.literal(row + ".views"), "memberViews",
						(field, row) -> SqlJson.literal(row + ".member_views"), "visitors",
						(field, row) -> SqlJson.literal(row + ".visitors"), "sample",
						(field, row) -> SqlJson.literal(row + ".sample")));
	}

	private static String traffic(SqlJson.Field field, SiteDirectory sites) {
		String site = (String) field.argument("siteCode");
		Granularity granularity = Granularity.valueOf(String.valueOf(field.argument("granularity")));
		Instant from = ((OffsetDateTime) field.argument("from")).toInstant();
		Instant to = ((OffsetDateTime) field.argument("to")).toInstant();
		if (!sites.contains(site)) {
			throw new NotCompilable();
		}
		TrafficController.BucketRange range;
		try {
			range = TrafficController.bucketRange(granularity, from, to);
		}
		catch (InvalidInputException ex) {
			throw new NotCompilable();
		}
		Instant first = range.first();
		Instant last = range.last();
		ZoneOffsetTransition change = Granularity.ZONE.getRules().nextTransition(first);
		if (change != null && !change.getInstant().isAfter(last)) {
			throw new NotCompilable();
		}
		ZoneOffset offset = Granularity.ZONE.getRules().getOffset(first);
		String zone = field.bind(Granularity.ZONE.getId(), String.class);
		String step = "cast(" + field.bind(granularity.interval(), String.class) + " AS interval)";
		String point = field.alias();
		String bucket = field.alias();
		String period = field.alias();
		// An empty bucket is sample data where it overlaps the site's period of generated
		// traffic (Site.sampleTraffic).
		String emptySample = "coalesce(timezone(" + zone + ", s.start) < " + period + ".sample_until AND timezone("
				+ zone + ", s.start + " + step + ") > " + period + ".sample_from, false)";
		String series = "SELECT s.start, coalesce(" + bucket + ".views, 0) AS views, coalesce(" + bucket
				+ ".member_views, 0) AS member_views, coalesce(" + bucket + ".visitors, 0) AS visitors, coalesce("
				+ bucket + ".sample, " + emptySample + ") AS sample, '" + offset.getId()
				+ "' AS start_offset FROM generate_series(cast("
				+ field.bind(LocalDateTime.ofInstant(first, Granularity.ZONE), LocalDateTime.class)
				+ " AS timestamp), cast("
				+ field.bind(LocalDateTime.ofInstant(last, Granularity.ZONE), LocalDateTime.class) + " AS timestamp), "
				+ step + ") s (start) LEFT JOIN (SELECT sample_from, sample_until FROM site WHERE code = "
				+ field.bind(site, String.class) + ") " + period + " ON true LEFT JOIN "
				+ "(SELECT bucket_start AT TIME ZONE " + zone + " AS start, views, member_views, visitors, sample"
				+ " FROM traffic_bucket WHERE site_code = " + field.bind(site, String.class) + " AND granularity = "
				+ field.bind(granularity.name(), String.class) + " AND bucket_start >= "
				+ field.bind(first.atOffset(ZoneOffset.UTC), OffsetDateTime.class) + " AND bucket_start < "
				+ field.bind(to.atOffset(ZoneOffset.UTC), OffsetDateTime.class) + ") " + bucket + " ON " + bucket
				+ ".start = s.start";
		return SqlJson.list(field.object("TrafficPoint", point), "FROM (" + series + ") " + point, point + ".start");
	}

}
