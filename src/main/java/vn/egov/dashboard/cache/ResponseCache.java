package vn.egov.dashboard.cache;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;

import vn.egov.dashboard.system.DataChangedEvent;
import vn.egov.dashboard.system.ReadFloor;
import vn.egov.dashboard.system.RequestPipeline;

/**
 * Answers anonymous queries from memory when the same document and variables were
 * answered before and nothing they read has been written since. A
 * {@link DataChangedEvent} drops exactly the responses that read the changed entity
 * ({@link ReadSets}); a TTL bounds anything else. Responses with errors, mutations,
 * subscriptions and requests with credentials are never cached. Cacheable responses carry
 * {@code Cache-Control}, a weak {@code ETag} and {@code X-Cache: HIT|MISS};
 * {@link CachedAnswerHttpHandler} writes hits out and answers {@code If-None-Match}, and
 * {@link CachedAnswerFilter} writes them before the request is decoded when the same
 * bytes were answered from here before. Requests that miss while the same answer is being
 * computed wait for it instead of computing it again: when a popular answer expired under
 * load, every open connection used to miss at once (a ranking at 10,000 requests/s: p99
 * 150–700 ms instead of 13 ms).
 */
final class ResponseCache implements WebGraphQlInterceptor, Ordered {

	/**
	 * A cached answer: its body as it is written ({@link CachedAnswer}), what it read,
	 * and its ETag, a hash of the body, so that every instance, before and after a
	 * restart, gives the same answer the same ETag and no other.
	 */
	record Entry(CachedAnswer answer, Set<String> entities, String etag) {
	}

	/**
	 * An answer being computed and what it reads; {@code done} is completed with the
	 * entry, or with null when the answer was not cacheable.
	 */
	private record InFlight(CompletableFuture<@Nullable Entry> done, Set<String> entities) {
	}

	private final Cache<String, Entry> responses;

	private final Duration maxAge;

	private final boolean enabled;

	/**
	 * Bumped on every write to an entity, so a response computed across a write is not
	 * stored.
	 */
	private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();

	/**
	 * When this instance heard of the latest write to each entity
	 * ({@code System.nanoTime()}); {@link DataChangedEvent#EVERYTHING} under its own key.
	 */
	private final Map<String, Long> changedAt = new ConcurrentHashMap<>();

	/** The answers being computed, by key. */
	private final Map<String, InFlight> computing = new ConcurrentHashMap<>();

	private final ObjectProvider<GraphQlSource> graphQlSource;

	private final JsonMapper json;

	private volatile @Nullable ReadSets readSets;

	ResponseCache(Cache<String, Entry> responses, Duration maxAge, boolean enabled,
			ObjectProvider<GraphQlSource> graphQlSource, JsonMapper json) {
		this.responses = responses;
		this.maxAge = maxAge;
		this.enabled = enabled;
		this.graphQlSource = graphQlSource;
		this.json = json;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.RESPONSE_CACHE;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!this.enabled || !anonymous(request.getHeaders())) {
			return chain.next(request);
		}
		ReadSets.ReadSet readSet = readSets().of(request.getDocument(), request.getOperationName());
		if (readSet == null || !readSet.query()) {
			return chain.next(request);
		}
		String key = key(request);
		Entry hit = this.responses.getIfPresent(key);
		if (hit != null) {
			return Mono.just(fromCache(request, key, hit));
		}
		return Mono.defer(() -> {
			InFlight mine = new InFlight(new CompletableFuture<>(), readSet.entities());
			InFlight running = this.computing.putIfAbsent(key, mine);
			if (running != null) {
				// Another request is computing this answer: use it, or, when it turns out
				// not cacheable (an error, a write meanwhile), answer this request by
				// itself.
				return Mono.fromFuture(running.done(), true)
					.map((entry) -> fromCache(request, key, entry))
					.switchIfEmpty(Mono.defer(() -> chain.next(request)));
			}
			Entry stored = this.responses.getIfPresent(key);
			if (stored != null) {
				// Computed, stored and no longer running between the look-up above and
				// now (an answer is stored before it stops running): not a second MISS.
				this.computing.remove(key, mine);
				mine.done().complete(stored);
				return Mono.just(fromCache(request, key, stored));
			}
			return compute(request, chain, key, mine).doFinally((signal) -> {
				this.computing.remove(key, mine);
				mine.done().complete(null);
			});
		});
	}

	/**
	 * Answers the request and caches the answer if it can be; {@code mine} is completed
	 * with the entry cached.
	 */
	private Mono<WebGraphQlResponse> compute(WebGraphQlRequest request, Chain chain, String key, InFlight mine) {
		Set<String> entities = mine.entities();
		Map<String, Long> before = versionsOf(entities);
		Long floor = latestChange(entities);
		if (floor != null) {
			// An answer stored here must hold every change this cache has dropped answers
			// for: a replica that has not replayed it yet may not compute it.
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(Map.of(ReadFloor.KEY, new ReadFloor(floor))).build());
		}
		return chain.next(request).map((response) -> {
			if (!response.isValid() || !response.getErrors().isEmpty() || !before.equals(versionsOf(entities))) {
				return response;
			}
			CachedAnswer answer = new CachedAnswer(this.json.writeValueAsBytes(response.getData()));
			Entry entry = new Entry(answer, entities, "W/\"" + sha256(answer.body()).substring(0, 32) + "\"");
			this.responses.put(key, entry);
			mine.done().complete(entry);
			answeredBy(request, key);
			return withHeaders(response, entry.etag(), "MISS");
		});
	}

	boolean enabled() {
		return this.enabled;
	}

	/** The cached answer under this key, if the cache still holds it. */
	@Nullable Entry cached(String key) {
		return this.responses.getIfPresent(key);
	}

	/** The headers of an answer from the cache. */
	void hitHeaders(HttpHeaders headers, Entry entry) {
		cacheHeaders(headers, "public", entry.etag(), "HIT");
	}

	/**
	 * Names the entry answering a request that came without a shortcut, so that
	 * {@link CachedAnswerFilter} adds one.
	 */
	private static void answeredBy(WebGraphQlRequest request, String key) {
		if (request.getAttributes().get(CachedAnswerFilter.Miss.ATTRIBUTE) instanceof CachedAnswerFilter.Miss miss) {
			miss.answeredBy(key);
		}
	}

	/** The answer to {@code request} from the entry under {@code key}. */
	private WebGraphQlResponse fromCache(WebGraphQlRequest request, String key, Entry entry) {
		answeredBy(request, key);
		ExecutionResult result = ExecutionResultImpl.newExecutionResult().data(entry.answer()).build();
		WebGraphQlResponse response = new WebGraphQlResponse(
				new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
		return withHeaders(response, entry.etag(), "HIT");
	}

	/**
	 * Drops every response that read the changed entity, or read something unmapped;
	 * everything on EVERYTHING. Requests arriving from now on do not wait for the answers
	 * being computed that read it: those may have read the old data. Answers being
	 * computed that do not read it are still waited for: traffic is written every second
	 * under load, and used to send every request that arrived meanwhile to compute its
	 * answer again.
	 */
	@EventListener
	void onChange(DataChangedEvent event) {
		String changed = event.entity();
		this.changedAt.put(changed, System.nanoTime());
		if (changed.equals(DataChangedEvent.EVERYTHING)) {
			clear();
			return;
		}
		this.versions.computeIfAbsent(changed, (entity) -> new AtomicLong()).incrementAndGet();
		this.computing.values().removeIf((running) -> reads(running.entities(), changed));
		this.responses.asMap().values().removeIf((entry) -> reads(entry.entities(), changed));
	}

	/**
	 * Whether an answer that read {@code entities} can change when {@code changed} does.
	 */
	private static boolean reads(Set<String> entities, String changed) {
		return entities.contains(changed) || entities.contains(ReadSets.ANYTHING);
	}

	/**
	 * Drops every cached response, and keeps any response computed across this call from
	 * being stored.
	 */
	public void clear() {
		this.changedAt.put(DataChangedEvent.EVERYTHING, System.nanoTime());
		this.versions.values().forEach(AtomicLong::incrementAndGet);
		this.computing.clear();
		this.responses.invalidateAll();
	}

	/**
	 * A response that sets a cookie (the visitor cookie a cookieless request is given,
	 * which an interceptor inside this one adds) belongs to that visitor: it is
	 * {@code private}, so that no shared cache hands that cookie to others. Answers from
	 * the cache set none and stay {@code public}.
	 */
	private WebGraphQlResponse withHeaders(WebGraphQlResponse response, String etag, String cache) {
		HttpHeaders headers = response.getResponseHeaders();
		cacheHeaders(headers, headers.containsHeader(HttpHeaders.SET_COOKIE) ? "private" : "public", etag, cache);
		return response;
	}

	private void cacheHeaders(HttpHeaders headers, String scope, String etag, String cache) {
		headers.setCacheControl(scope + ", max-age=" + this.maxAge.toSeconds());
		headers.setETag(etag);
		headers.set("X-Cache", cache);
	}

	private Map<String, Long> versionsOf(Set<String> entities) {
		Map<String, Long> result = new HashMap<>();
		for (String entity : entities) {
			result.put(entity, this.versions.computeIfAbsent(entity, (e) -> new AtomicLong()).get());
		}
		return result;
	}

	/**
	 * When this instance heard of the latest write that can change an answer reading
	 * {@code entities}; null: none since it started.
	 */
	private @Nullable Long latestChange(Set<String> entities) {
		Long latest = this.changedAt.get(DataChangedEvent.EVERYTHING);
		for (Map.Entry<String, Long> change : this.changedAt.entrySet()) {
			if (reads(entities, change.getKey()) && (latest == null || change.getValue() > latest)) {
				latest = change.getValue();
			}
		}
		return latest;
	}

	private ReadSets readSets() {
		ReadSets sets = this.readSets;
		if (sets == null) {
			// The schema exists only once the GraphQL engine is built, after this
			// interceptor.
			sets = new ReadSets(this.graphQlSource.getObject().schema(),
					Caffeine.newBuilder().maximumSize(2_000).build());
			this.readSets = sets;
		}
		return sets;
	}

	/** Requests with credentials may be answered per caller and are never cached. */
	static boolean anonymous(HttpHeaders headers) {
		return !headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader("X-API-Key");
	}

	/** JSON with the members of every object sorted by name: one text per value. */
	private static final JsonMapper CANONICAL = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private static String key(WebGraphQlRequest request) {
		return key(request.getDocument(), request.getOperationName(), request.getVariables(), request.getExtensions());
	}

	/**
	 * The key of the answer to a request: SHA-256 of the canonical JSON of everything
	 * that can change the answer, {@code [document, operationName, variables,
	 * extensions]} (extensions carry a persisted query's hash and {@code compiled}). JSON
	 * tells every value from every other (texts are quoted and escaped; numbers, booleans
	 * and null are distinct; members are sorted by name), so distinct requests have
	 * distinct texts and a collision cannot be crafted to poison an entry. Variables used
	 * to be written with {@code Map.toString()}, where {@code {search: "hoa binh,
	 * asOf=2017-01-01"}} and {@code {search: "hoa binh", asOf: "2017-01-01"}} read the
	 * same.
	 */
	static String key(@Nullable String document, @Nullable String operationName, Map<String, Object> variables,
			Map<String, Object> extensions) {
		return sha256(canonicalJson(Arrays.asList(document, operationName, variables, extensions)));
	}

	/** {@code value} as canonical JSON, in UTF-8. */
	static byte[] canonicalJson(@Nullable Object value) {
		return CANONICAL.writeValueAsBytes(value);
	}

	/**
	 * SHA-256, in hex, of the parts, each preceded by its length: two different lists of
	 * parts never give the same bytes to hash.
	 */
	static String sha256(byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
				digest.update(part);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
