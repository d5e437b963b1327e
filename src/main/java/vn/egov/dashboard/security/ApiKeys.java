package vn.egov.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import vn.egov.dashboard.agency.AgencyNotFoundException;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;
import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.graphql.Texts;

/**
 * API keys for agencies' systems: created by an ADMIN (or the first one on the command
 * line), shown once, stored as a SHA-256 hash, scoped to a role and, for editors, an
 * agency, and revocable at once.
 * <p>
 * A key reads {@code egov_<prefix>_<secret>}: 8 and 40 characters of lowercase base32
 * (200 random bits of secret). The prefix finds the row; the hash of the whole key is
 * compared in constant time.
 */
@Service
public class ApiKeys {

	/**
	 * What a created key looks like; anything else is refused without a database lookup.
	 */
	static final Pattern FORMAT = Pattern.compile("egov_([a-z2-7]{8})_([a-z2-7]{40})");

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	/** Input of {@code createApiKey}. */
	public record CreateApiKeyInput(String label, Role role, @Nullable String agencyCode) {
	}

	/** A new key, shown this once, and its row. */
	public record CreatedApiKey(String key, ApiKey apiKey) {
	}

	private final SecureRandom random = new SecureRandom();

	private final ApiKeyRepository keys;

	private final AgencyRepository agencies;

	private final AuditLog audit;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final SecurityProperties properties;

	ApiKeys(ApiKeyRepository keys, AgencyRepository agencies, AuditLog audit, TransactionalOperator transaction,
			Clock clock, SecurityProperties properties) {
		this.keys = keys;
		this.agencies = agencies;
		this.audit = audit;
		this.transaction = transaction;
		this.clock = clock;
		this.properties = properties;
	}

	@AdminOnly
	public Mono<CreatedApiKey> create(CreateApiKeyInput input) {
		String label = Texts.required("label", input.label(), 200);
		String agencyCode = Texts.optional("agencyCode", input.agencyCode(), 40);
		if (input.role() == Role.AGENCY_EDITOR && agencyCode == null) {
			throw new InvalidInputException("agencyCode", "is required for an AGENCY_EDITOR key");
		}
		if (input.role() != Role.AGENCY_EDITOR && agencyCode != null) {
			throw new InvalidInputException("agencyCode",
					"only goes with role AGENCY_EDITOR; an " + input.role() + " key is not held to one agency");
		}
		String prefix = randomText(8);
		String key = "egov_" + prefix + "_" + randomText(40);
		Mono<Void> agencyExists = (agencyCode != null) ? this.agencies.findByCode(agencyCode)
			.switchIfEmpty(Mono.error(() -> new AgencyNotFoundException(agencyCode)))
			.then() : Mono.empty();
		return agencyExists.then(Access.caller())
			.flatMap((creator) -> this.keys.insert(prefix, sha256(key), label, input.role(), agencyCode, now(),
					creator.name()))
			.flatMap((created) -> this.audit.record("createApiKey", "api_key", created.id(), null, created)
				.thenReturn(new CreatedApiKey(key, created)))
			.as(this.transaction::transactional);
	}

	@AdminOnly
	public Mono<ApiKey> revoke(String id) {
		long keyId = Ids.parse("id", id);
		return this.keys.findById(keyId)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No API key with id '" + id + "'")))
			.flatMap((old) -> this.keys.revoke(keyId, now())
				.flatMap((revoked) -> this.audit.record("revokeApiKey", "api_key", keyId, old, revoked)
					.thenReturn(revoked)))
			.as(this.transaction::transactional);
	}

	@AdminOnly
	public Mono<List<ApiKey>> find(boolean includeRevoked, Page page) {
		return this.keys.find(includeRevoked, page).collectList();
	}

	/**
	 * Reached only through a connection that {@link #find} already authorised (it runs
	 * lazily, for totalCount).
	 */
	public Mono<Long> count(boolean includeRevoked) {
		return this.keys.count(includeRevoked);
	}

	/**
	 * The caller a presented key stands for; fails with {@link BadCredentialsException}
	 * for a malformed, unknown or revoked key. Records the use at most once per
	 * {@code egov.security.key-touch-interval}.
	 */
	Mono<Caller> authenticate(String presented) {
		Matcher matcher = FORMAT.matcher(presented);
		if (!matcher.matches()) {
			return Mono.error(new BadCredentialsException("malformed API key: expected egov_<prefix>_<secret>"));
		}
		return this.keys.findByPrefix(matcher.group(1))
			.filter((stored) -> MessageDigest.isEqual(stored.sha256(), sha256(presented)))
			.switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown API key")))
			.flatMap((stored) -> {
				ApiKey key = stored.key();
				if (key.revokedAt() != null) {
					return Mono.error(new BadCredentialsException("this API key was revoked at " + key.revokedAt()));
				}
				OffsetDateTime now = now();
				OffsetDateTime stale = now.minus(this.properties.keyTouchInterval());
				if (key.lastUsedAt() != null && key.lastUsedAt().isAfter(stale)) {
					return Mono.just(key.caller());
				}
				return this.keys.touch(key.id(), now, stale).thenReturn(key.caller());
			});
	}

	private String randomText(int length) {
		char[] text = new char[length];
		for (int i = 0; i < length; i++) {
			text[i] = BASE32[this.random.nextInt(BASE32.length)];
		}
		return new String(text);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
