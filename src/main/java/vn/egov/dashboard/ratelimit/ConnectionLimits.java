package vn.egov.dashboard.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Bounds what a client can hold of the server's connections (slowloris: 500 connections
 * trickling header lines stayed open 50 s each):
 * <ul>
 * <li>each request's head (request line and headers) must arrive whole within
 * {@code egov.connections.header-timeout} of the connection opening, or of the previous
 * answer on a kept-alive connection, else the connection is closed: trickling a header a
 * second does not keep it open. (Bodies are bounded by {@code body-timeout},
 * reactor-netty's read timeout: that long without a byte of a body that has not all
 * arrived.)</li>
 * <li>one client address holds at most {@code egov.connections.max-per-address} open
 * connections; more are closed as soon as they open, and counted in
 * {@code egov_connections_refused_total}. Trusted proxies
 * ({@code egov.rate-limit.trusted-proxies}) are not capped: behind a load balancer, the
 * balancer's own limits apply.</li>
 * </ul>
 * WebSocket connections (upgraded) and streams of events are not touched once their
 * request has arrived: neither deadline applies to them (reactor-netty's read timeout,
 * which would close a WebSocket whose client sends nothing for {@code body-timeout}, is
 * taken off when the connection is upgraded).
 */
final class ConnectionLimits implements NettyServerCustomizer {

	private final int maxPerAddress;

	private final Duration headerTimeout;

	private final Duration bodyTimeout;

	private final ClientKeys keys;

	private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

	private final Counter refused;

	ConnectionLimits(RateLimitProperties.Connections properties, ClientKeys keys, MeterRegistry meters) {
		this.maxPerAddress = properties.maxPerAddress();
		this.headerTimeout = properties.headerTimeout();
		this.bodyTimeout = properties.bodyTimeout();
		this.keys = keys;
		this.refused = Counter.builder("egov.connections.refused")
			.description("Connections closed at once: their address already held egov.connections.max-per-address")
			.register(meters);
		meters.gauge("egov.connections.addresses", this.open, Map::size);
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.readTimeout(this.bodyTimeout).doOnChannelInit((observer, channel, remote) -> {
			InetAddress address = (channel.remoteAddress() instanceof InetSocketAddress socket) ? socket.getAddress()
					: null;
			if (address != null && !this.keys.trusted(address) && !admit(address, channel)) {
				return;
			}
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "egov.headerDeadline", new HeaderDeadline());
			}
		});
	}

	/** Counts the connection against its address, or closes it when that is full. */
	private boolean admit(InetAddress address, Channel channel) {
		boolean[] admitted = new boolean[1];
		this.open.compute(address, (key, count) -> {
			int held = (count != null) ? count : 0;
			admitted[0] = held < this.maxPerAddress;
			return admitted[0] ? held + 1 : count;
		});
		if (!admitted[0]) {
			this.refused.increment();
			channel.close();
			return false;
		}
		channel.closeFuture()
			.addListener(
					(closed) -> this.open.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null));
		return true;
	}

	/**
	 * Closes the connection when a request's head has not arrived in time: armed when the
	 * connection opens and after each complete answer, disarmed when a request's head has
	 * been decoded.
	 */
	private final class HeaderDeadline extends ChannelDuplexHandler {

		private @Nullable ScheduledFuture<?> deadline;

		private boolean upgraded;

		@Override
		public void handlerAdded(ChannelHandlerContext context) {
			arm(context);
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof HttpRequest) {
				disarm();
			}
			context.fireChannelRead(message);
		}

		@Override
		public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
			if (message instanceof HttpResponse response
					&& response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
				this.upgraded = true;
				// reactor-netty times the reads of a request until its last content has
				// arrived; a WebSocket's request never ends, so a subscriber that sent
				// nothing for body-timeout would be cut off (live results stopped after
				// 10 s). Its frames are not a body.
				Connection.from(context.channel()).removeHandler(NettyPipeline.ReadTimeoutHandler);
			}
			boolean answered = message instanceof LastHttpContent && !this.upgraded;
			context.write(message, promise);
			if (answered) {
				arm(context);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			disarm();
			context.fireChannelInactive();
		}

		private void arm(ChannelHandlerContext context) {
			disarm();
			this.deadline = context.executor()
				.schedule(() -> context.channel().close(), ConnectionLimits.this.headerTimeout.toMillis(),
						TimeUnit.MILLISECONDS);
		}

		private void disarm() {
			if (this.deadline != null) {
				this.deadline.cancel(false);
				this.deadline = null;
			}
		}

	}

}
