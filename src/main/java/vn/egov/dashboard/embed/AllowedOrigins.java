package vn.egov.dashboard.embed;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.DataChangedEvent;

/**
 * The browser origins allowed to call the API: the origin of every registered site's
 * {@code base_url} ({@code https://hanoi.gov.vn/tin-tuc} → {@code https://hanoi.gov.vn})
 * and {@code egov.embed.allowed-origins}. The sites' origins are held in memory, read
 * again every {@code refresh-interval}, after a write to the sites, and when an origin
 * not known yet asks (at most every few seconds, so that unknown origins cannot turn into
 * a flood of queries).
 */
@Component
class AllowedOrigins {

	private static final Log logger = LogFactory.getLog(AllowedOrigins.class);

	private static final Duration MIN_RELOAD_GAP = Duration.ofSeconds(5);

	private final DatabaseClient db;

	private final EmbedProperties properties;

	private final Set<String> configured;

	private volatile Set<String> sites = Set.of();

	private final AtomicLong lastReload = new AtomicLong(System.nanoTime() - MIN_RELOAD_GAP.toNanos() - 1);

	AllowedOrigins(DatabaseClient db, EmbedProperties properties) {
		this.db = db;
		this.properties = properties;
		this.configured = properties.allowedOrigins().stream().map((origin) -> {
			String normal = origin(origin);
			if (normal == null) {
				throw new IllegalArgumentException(
						"egov.embed.allowed-origins: not an origin (scheme://host[:port]): " + origin);
			}
			return normal;
		}).collect(Collectors.toUnmodifiableSet());
	}

	/** Whether a page of {@code origin} (as its {@code Origin} header says) may call. */
	Mono<Boolean> allows(String origin) {
		String normal = origin(origin);
		if (normal == null) {
			return Mono.just(false);
		}
		if (this.configured.contains(normal) || this.sites.contains(normal)) {
			return Mono.just(true);
		}
		long now = System.nanoTime();
		long last = this.lastReload.get();
		if (!this.properties.siteOrigins() || now - last < MIN_RELOAD_GAP.toNanos()
				|| !this.lastReload.compareAndSet(last, now)) {
			return Mono.just(false);
		}
		return refresh().map((loaded) -> loaded.contains(normal)).onErrorReturn(false);
	}

	@Scheduled(fixedDelayString = "${egov.embed.refresh-interval:1m}")
	void refreshPeriodically() {
		refresh().subscribe(null, (ex) -> logger.warn("Could not read the sites' origins", ex));
	}

	@EventListener
	void onChange(DataChangedEvent event) {
		if (event.affects("site")) {
			refreshPeriodically();
		}
	}

	/** Reads the registered sites' origins again. */
	Mono<Set<String>> refresh() {
		if (!this.properties.siteOrigins()) {
			return Mono.just(Set.of());
		}
		return this.db.sql("SELECT base_url FROM site WHERE base_url IS NOT NULL")
			.map((row) -> String.valueOf(row.get(0, String.class)))
			.all()
			.mapNotNull(AllowedOrigins::origin)
			.collect(Collectors.toUnmodifiableSet())
			.doOnNext((loaded) -> this.sites = loaded);
	}

	/**
	 * The origin of a URL, as browsers write it: lower-case scheme and host, the port
	 * only when it is not the scheme's default; null for anything but an http(s) URL.
	 */
	static @Nullable String origin(String url) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
			return null;
		}
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
				|| (scheme.equals("https") && port == 443);
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

}
