package io.ipseckeyagent.adapters.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP endpoint of {@code --prometheus-serve-addr}: {@code /metrics} (the Prometheus client's own
 * scrape handler) and {@code /healthz} (200 or 503 with the reasons as JSON). {@link #close()} stops it.
 */
final class ObservabilityServer implements ObservabilityAdapters.Server {
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]+)]|([^:\\[\\]]*)):(\\d{1,5})");

    private final HttpServer server;

    private ObservabilityServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Parses {@code [HOST]:PORT} as Go's listeners take it: {@code :9966} (every interface),
     * {@code 127.0.0.1:9966}, {@code [::1]:9966}; port 0 picks a free port. The left side says what is
     * wrong, without the flag's name (the caller knows where the value came from).
     */
    static Either<String, InetSocketAddress> parseAddress(String text) {
        Matcher match = HOST_PORT.matcher(text == null ? "" : text.strip());
        if (!match.matches()) {
            return Either.left("expected [HOST]:PORT such as :9966 or 127.0.0.1:9966, was '" + text + "'");
        }
        int port = Integer.parseInt(match.group(3));
        if (port > 65535) {
            return Either.left("port must be from 0 to 65535, was " + port);
        }
        String host = match.group(1) != null ? match.group(1) : match.group(2);
        if (host.isEmpty()) {
            return Either.right(new InetSocketAddress(port));
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        return address.isUnresolved() ? Either.left("cannot resolve host '" + host + "'") : Either.right(address);
    }

    static ObservabilityServer start(InetSocketAddress address, PrometheusRegistry registry,
            Supplier<HealthStatus> health) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        MetricsHandler metrics = new MetricsHandler(registry);
        server.createContext("/metrics", exchange -> {
            if (readOnly(exchange)) {
                metrics.handle(exchange);
            }
        });
        server.createContext("/healthz", exchange -> answerHealth(exchange, health.get()));
        server.start();
        return new ObservabilityServer(server);
    }

    @Override
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** GET and HEAD go on; anything else is answered 405 (and the exchange closed) here. */
    private static boolean readOnly(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            exchange.sendResponseHeaders(405, -1);
        }
        return false;
    }

    private static void answerHealth(HttpExchange exchange, HealthStatus status) throws IOException {
        if (!readOnly(exchange)) {
            return;
        }
        try (exchange) {
            String method = exchange.getRequestMethod();
            byte[] body = status.toJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            int code = status.healthy() ? 200 : 503;
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(code, -1);
                return;
            }
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
