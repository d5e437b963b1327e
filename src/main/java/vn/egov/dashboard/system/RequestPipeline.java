package vn.egov.dashboard.system;

import org.springframework.core.Ordered;

/**
 * The order of every step a request passes through, declared in one place: each web
 * filter, exception handler, GraphQL interceptor and instrumentation of the server takes
 * its order from here, and {@code docs/architecture.md} draws the same flow. Lower runs
 * first (further out). The steps of Spring's own that ours are placed around are named
 * too, with the order they have in Spring.
 * <p>
 * A request to {@code /graphql} passes the web filters, reaches Spring for GraphQL's
 * handler, then the GraphQL interceptors, then graphql-java with its instrumentations,
 * which answers on the compiled or the ordinary path; the response cache sits among the
 * interceptors and keeps the answer on the way back.
 */
public final class RequestPipeline {

	// Web filters (org.springframework.web.server.WebFilter), outermost first.

	/** Gives every 4xx/5xx without a body a GraphQL-shaped one; sees every response. */
	public static final int EMPTY_ERROR_BODIES = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * Answers CORS preflights and refuses other origins than the registered portals',
	 * before anything else runs, WebSocket handshakes included.
	 */
	public static final int CORS = -150;

	/**
	 * Takes a token from the address's budget of failed sign-ins before credentials are
	 * checked; an address past it is refused without a key lookup.
	 */
	public static final int FAILED_SIGN_INS = -140;

	/** Spring Security's filter chain: authenticates the caller (Spring's order). */
	public static final int SPRING_SECURITY = -100;

	/** Gives the failed-sign-in token back: security let the credentials through. */
	public static final int SIGN_IN_PASSED = -99;

	/** Takes a token from the client's budget; after security, so principals count. */
	public static final int RATE_LIMIT = -50;

	/** Writes a cached answer from the request's bytes; counted and limited first. */
	public static final int CACHED_ANSWER = -45;

	/** Bounds and checks {@code POST /graphql} bodies before they are decoded. */
	public static final int REQUEST_BODIES = -40;

	/**
	 * Hands {@code POST /graphql} to the GraphQL HTTP handler without the dispatcher: the
	 * last web filter, so that every other one has run.
	 */
	public static final int GRAPHQL_HTTP = -30;

	// Routes (RouterFunction beans), ahead of Boot's GraphQL routes at order 0.

	/** {@code GET /graphql} permalinks and the offline GraphiQL page. */
	public static final int ROUTES_BEFORE_GRAPHQL = -1;

	// Exception handlers (WebExceptionHandler), first match wins.

	/** Answers 503 with Retry-After when the database is unreachable. */
	public static final int DATABASE_UNAVAILABLE = -2;

	/** Replaces Boot's error page with a GraphQL-shaped body (Boot's own is -1 too). */
	public static final int ERROR_RESPONSES = -1;

	// GraphQL interceptors (WebGraphQlInterceptor), outermost first.

	/** Keeps SSE requests' errors in the GraphQL shape; must see every response. */
	public static final int SSE_REQUEST_ERRORS = Ordered.HIGHEST_PRECEDENCE;

	/** Bounds the time of everything within it. */
	public static final int REQUEST_TIMEOUT = Ordered.HIGHEST_PRECEDENCE + 1;

	/** Counts operations sent over WebSocket, before the cache so hits count too. */
	public static final int WEBSOCKET_RATE_LIMIT = Ordered.HIGHEST_PRECEDENCE + 10;

	/** The response cache: a hit skips everything after it. */
	public static final int RESPONSE_CACHE = Ordered.HIGHEST_PRECEDENCE + 100;

	/** Caps the subscriptions of a connection and of a client. */
	public static final int SUBSCRIPTION_LIMITS = Ordered.HIGHEST_PRECEDENCE + 200;

	/** Counts the errors of answers the cache did not serve. */
	public static final int ERROR_METRICS = Ordered.LOWEST_PRECEDENCE - 1;

	/** Issues and reads the signed visitor cookie, innermost. */
	public static final int VISITOR = Ordered.LOWEST_PRECEDENCE;

	// graphql-java instrumentations, first runs first.

	/** Depth, cost, aliases, fields and tokens: refuses before anything else starts. */
	public static final int QUERY_LIMITS = Ordered.HIGHEST_PRECEDENCE;

	/** Charges votes and page views to their own budgets, however aliased. */
	public static final int PUBLIC_MUTATION_LIMITS = Ordered.HIGHEST_PRECEDENCE + 1;

	/** Refuses argument values of the wrong range or kind, naming the field. */
	public static final int INVALID_VALUES = Ordered.LOWEST_PRECEDENCE - 1;

	/** Refuses text PostgreSQL cannot store. */
	public static final int STORABLE_TEXT = Ordered.LOWEST_PRECEDENCE;

	// Data fetcher exception resolvers.

	/** Turns Spring Security's refusals into UNAUTHORIZED and FORBIDDEN errors. */
	public static final int SECURITY_ERRORS = Ordered.HIGHEST_PRECEDENCE;

	private RequestPipeline() {
	}

}
