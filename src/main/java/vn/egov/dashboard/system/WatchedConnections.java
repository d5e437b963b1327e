package vn.egov.dashboard.system;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Lifecycle;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The driver's connections with every operation watched by a {@link DatabaseWatch}: what
 * {@link DatabaseWatch#decorate} gives the pool. A connection one of whose operations the
 * watch gave up is poisoned: nobody knows its state (a transaction left open, an answer
 * still on its way), so the pool finds it invalid and destroys it, and closing it does
 * not wait for an answer.
 */
final class WatchedConnections {

	private WatchedConnections() {
	}

	record Factory(ConnectionFactory delegate,
			DatabaseWatch watch) implements ConnectionFactory, Wrapped<ConnectionFactory> {

		@Override
		public Publisher<? extends Connection> create() {
			// Nothing to poison: a connection given up while opening was never handed
			// out.
			return this.watch.watch(this.delegate.create(), () -> {
			}).next().map((connection) -> new WatchedConnection(connection, this.watch));
		}

		@Override
		public ConnectionFactoryMetadata getMetadata() {
			return this.delegate.getMetadata();
		}

		@Override
		public ConnectionFactory unwrap() {
			return this.delegate;
		}

	}

	static final class WatchedConnection implements Connection, Lifecycle, Wrapped<Connection> {

		private final Connection delegate;

		private final DatabaseWatch watch;

		private volatile boolean poisoned;

		WatchedConnection(Connection delegate, DatabaseWatch watch) {
			this.delegate = delegate;
			this.watch = watch;
		}

		<T> Publisher<T> watch(Publisher<T> operation) {
			return this.watch.watch(operation, () -> this.poisoned = true);
		}

		@Override
		public Publisher<Void> beginTransaction() {
			return watch(this.delegate.beginTransaction());
		}

		@Override
		public Publisher<Void> beginTransaction(TransactionDefinition definition) {
			return watch(this.delegate.beginTransaction(definition));
		}

		/**
		 * A poisoned connection, or any while the database is unreachable, is closed
		 * without waiting: its socket may lead nowhere (the pool waits for this before it
		 * frees the connection's place), and it must be closed all the same.
		 */
		@Override
		public Publisher<Void> close() {
			if (this.poisoned || this.watch.down()) {
				Mono.from(this.delegate.close()).timeout(Duration.ofSeconds(5)).onErrorComplete().subscribe();
				return Mono.empty();
			}
			return watch(this.delegate.close());
		}

		@Override
		public Publisher<Void> commitTransaction() {
			return watch(this.delegate.commitTransaction());
		}

		@Override
		public Batch createBatch() {
			return new WatchedBatch(this.delegate.createBatch(), this);
		}

		@Override
		public Publisher<Void> createSavepoint(String name) {
			return watch(this.delegate.createSavepoint(name));
		}

		@Override
		public Statement createStatement(String sql) {
			return new WatchedStatement(this.delegate.createStatement(sql), this);
		}

		@Override
		public boolean isAutoCommit() {
			return this.delegate.isAutoCommit();
		}

		@Override
		public ConnectionMetadata getMetadata() {
			return this.delegate.getMetadata();
		}

		@Override
		public IsolationLevel getTransactionIsolationLevel() {
			return this.delegate.getTransactionIsolationLevel();
		}

		@Override
		public Publisher<Void> releaseSavepoint(String name) {
			return watch(this.delegate.releaseSavepoint(name));
		}

		@Override
		public Publisher<Void> rollbackTransaction() {
			return watch(this.delegate.rollbackTransaction());
		}

		@Override
		public Publisher<Void> rollbackTransactionToSavepoint(String name) {
			return watch(this.delegate.rollbackTransactionToSavepoint(name));
		}

		@Override
		public Publisher<Void> setAutoCommit(boolean autoCommit) {
			return watch(this.delegate.setAutoCommit(autoCommit));
		}

		@Override
		public Publisher<Void> setLockWaitTimeout(Duration timeout) {
			return watch(this.delegate.setLockWaitTimeout(timeout));
		}

		@Override
		public Publisher<Void> setStatementTimeout(Duration timeout) {
			return watch(this.delegate.setStatementTimeout(timeout));
		}

		@Override
		public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
			return watch(this.delegate.setTransactionIsolationLevel(level));
		}

		/** A poisoned connection is invalid: the pool drops it and opens another. */
		@Override
		public Publisher<Boolean> validate(ValidationDepth depth) {
			if (this.poisoned) {
				return Mono.just(false);
			}
			return watch(this.delegate.validate(depth));
		}

		@Override
		public Publisher<Void> postAllocate() {
			return (this.delegate instanceof Lifecycle lifecycle) ? watch(lifecycle.postAllocate()) : Mono.empty();
		}

		/**
		 * Fails for a poisoned connection, so that the pool destroys it instead of taking
		 * it back.
		 */
		@Override
		public Publisher<Void> preRelease() {
			if (this.poisoned) {
				return Mono.error(new DatabaseUnreachableException(
						"a connection used when the database stopped answering is not reused"));
			}
			return (this.delegate instanceof Lifecycle lifecycle) ? watch(lifecycle.preRelease()) : Mono.empty();
		}

		@Override
		public Connection unwrap() {
			return this.delegate;
		}

	}

	record WatchedStatement(Statement delegate, WatchedConnection connection) implements Statement, Wrapped<Statement> {

		@Override
		public Statement add() {
			this.delegate.add();
			return this;
		}

		@Override
		public Statement bind(int index, Object value) {
			this.delegate.bind(index, value);
			return this;
		}

		@Override
		public Statement bind(String name, Object value) {
			this.delegate.bind(name, value);
			return this;
		}

		@Override
		public Statement bindNull(int index, Class<?> type) {
			this.delegate.bindNull(index, type);
			return this;
		}

		@Override
		public Statement bindNull(String name, Class<?> type) {
			this.delegate.bindNull(name, type);
			return this;
		}

		@Override
		public Statement returnGeneratedValues(String... columns) {
			this.delegate.returnGeneratedValues(columns);
			return this;
		}

		@Override
		public Statement fetchSize(int rows) {
			this.delegate.fetchSize(rows);
			return this;
		}

		@Override
		public Publisher<? extends Result> execute() {
			return Flux.from(this.connection.watch(this.delegate.execute()))
				.map((result) -> new WatchedResult(result, this.connection));
		}

		@Override
		public Statement unwrap() {
			return this.delegate;
		}

	}

	record WatchedBatch(Batch delegate, WatchedConnection connection) implements Batch, Wrapped<Batch> {

		@Override
		public Batch add(String sql) {
			this.delegate.add(sql);
			return this;
		}

		@Override
		public Publisher<? extends Result> execute() {
			return Flux.from(this.connection.watch(this.delegate.execute()))
				.map((result) -> new WatchedResult(result, this.connection));
		}

		@Override
		public Batch unwrap() {
			return this.delegate;
		}

	}

	record WatchedResult(Result delegate, WatchedConnection connection) implements Result, Wrapped<Result> {

		@Override
		public Publisher<Long> getRowsUpdated() {
			return this.connection.watch(this.delegate.getRowsUpdated());
		}

		@Override
		public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapping) {
			return this.connection.watch(this.delegate.map(mapping));
		}

		@Override
		public <T> Publisher<T> map(Function<? super Readable, ? extends T> mapping) {
			return this.connection.watch(this.delegate.map(mapping));
		}

		@Override
		public Result filter(Predicate<Segment> filter) {
			return new WatchedResult(this.delegate.filter(filter), this.connection);
		}

		@Override
		public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapping) {
			return this.connection.watch(this.delegate.flatMap(mapping));
		}

		@Override
		public Result unwrap() {
			return this.delegate;
		}

	}

}
