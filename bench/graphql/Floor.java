import java.util.concurrent.ConcurrentHashMap;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor of our stack, for run.sh: the libraries our server answers with (Reactor
 * Netty, r2dbc-postgresql, r2dbc-pool, Jackson; the server's own jars, same versions) and
 * nothing else. A POST of {@code {"bytes": N, "statement": true|false}} is read, parsed and
 * answered with a JSON object of N bytes, either from memory or returned by one SQL
 * statement on a pool of 4 connections (the server's pool size). No GraphQL, no Spring, no
 * security, no metrics: what any server on these libraries must spend on such a request at
 * least.
 * <p>
 * {@code java -cp '<the extracted jar>/lib/*' Floor.java HOST PORT USER DATABASE HTTP_PORT}
 */
public class Floor {

	/** An answer of N bytes: OPEN, then {@code x} repeated N minus both their lengths, then CLOSE. */
	private static final String OPEN = "{\"data\":{\"x\":\"", CLOSE = "\"}}";

	public static void main(String[] args) {
		var database = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
			.host(args[0])
			.port(Integer.parseInt(args[1]))
			.username(args[2])
			.database(args[3])
			.forceBinary(true)
			.build());
		var pool = new ConnectionPool(ConnectionPoolConfiguration.builder(database).initialSize(4).maxSize(4).build());
		var json = JsonMapper.builder().build();
		var stored = new ConcurrentHashMap<Integer, byte[]>(); // the answers from memory, by padding
		HttpServer.create()
			.host("127.0.0.1")
			.port(Integer.parseInt(args[4]))
			.handle((request, response) -> request.receive().aggregate().asByteArray().flatMap((body) -> {
				JsonNode asked = json.readTree(body);
				int padding = asked.get("bytes").asInt() - OPEN.length() - CLOSE.length();
				Mono<byte[]> answer = asked.get("statement").asBoolean() ? Mono.usingWhen(pool.create(),
						(connection) -> Mono
							.from(connection.createStatement(
									"SELECT convert_to($1 || repeat('x', $2) || $3, 'UTF8')")
								.bind("$1", OPEN)
								.bind("$2", padding)
								.bind("$3", CLOSE)
								.execute())
							.flatMap((result) -> Mono.from(result.map((row, meta) -> row.get(0, byte[].class)))),
						Connection::close)
						: Mono.just(stored.computeIfAbsent(padding, (n) -> (OPEN + "x".repeat(n) + CLOSE).getBytes()));
				return response.header("Content-Type", "application/json").sendByteArray(answer).then();
			}))
			.bindNow()
			.onDispose()
			.block();
	}

}
