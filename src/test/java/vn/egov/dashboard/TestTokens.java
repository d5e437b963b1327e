package vn.egov.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import vn.egov.dashboard.security.Role;

/**
 * The test run's token issuer: an RSA key pair made at start, whose public key the server
 * trusts ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and
 * JWTs signed with it. A second, untrusted key pair signs tokens the server must refuse.
 */
public final class TestTokens {

	private static final KeyPair TRUSTED = keyPair();

	private static final KeyPair UNTRUSTED = keyPair();

	/** The trusted public key as a PEM file, for the server's configuration. */
	public static final Path PUBLIC_KEY = publicKeyFile();

	private TestTokens() {
	}

	/**
	 * A valid token for {@code subject} with {@code role} and, for an editor, its agency.
	 */
	public static String token(String subject, Role role, @Nullable String agency) {
		return sign(TRUSTED, subject, List.of(role.name()), agency, Instant.now().plus(Duration.ofHours(1)));
	}

	/** A token that expired an hour ago. */
	public static String expired(Role role) {
		return sign(TRUSTED, "expired", List.of(role.name()), null, Instant.now().minus(Duration.ofHours(1)));
	}

	/** A well-formed token signed by a key the server does not trust. */
	public static String forged(Role role) {
		return sign(UNTRUSTED, "forger", List.of(role.name()), null, Instant.now().plus(Duration.ofHours(1)));
	}

	/**
	 * A token signed by the trusted key with exactly these claims: {@code subject},
	 * {@code issuedAt} and {@code expiresAt} are left out when null.
	 */
	public static String signed(@Nullable String subject, Role role, @Nullable Instant issuedAt,
			@Nullable Instant expiresAt) {
		return sign(TRUSTED, subject, List.of(role.name()), null, issuedAt, expiresAt);
	}

	private static String sign(KeyPair keys, String subject, List<String> roles, @Nullable String agency,
			Instant expiresAt) {
		return sign(keys, subject, roles, agency, expiresAt.minus(Duration.ofHours(2)), expiresAt);
	}

	private static String sign(KeyPair keys, @Nullable String subject, List<String> roles, @Nullable String agency,
			@Nullable Instant issuedAt, @Nullable Instant expiresAt) {
		RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
			.build();
		JwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder().claim("roles", roles);
		if (subject != null) {
			claims.subject(subject);
		}
		if (issuedAt != null) {
			claims.issuedAt(issuedAt);
		}
		if (expiresAt != null) {
			claims.expiresAt(expiresAt);
		}
		if (agency != null) {
			claims.claim("agency", agency);
		}
		return encoder.encode(JwtEncoderParameters.from(claims.build())).getTokenValue();
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path publicKeyFile() {
		try {
			Path file = Files.createTempFile("egov-test-jwt", ".pub");
			file.toFile().deleteOnExit();
			String pem = "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(TRUSTED.getPublic().getEncoded())
					+ "\n-----END PUBLIC KEY-----\n";
			Files.writeString(file, pem);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
