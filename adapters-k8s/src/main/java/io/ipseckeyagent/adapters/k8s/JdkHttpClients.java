package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * fabric8 on the JDK's HTTP client, without the client-wide connect timeout. The JDK keeps a
 * connection's connect timer for the connection's life, and that timer holds the connection's first
 * exchange and its whole response body: with the CiliumNode list as that exchange, about 0.8 KB per
 * node stays on the heap for good (7.9 MB at 10,000 nodes, MeasureRun's heap dump). Connects stay
 * bounded: fabric8 gives every request the request timeout, which the JDK counts from before the
 * connect, and every watch's WebSocket a connect timeout of its own.
 */
final class JdkHttpClients extends JdkHttpClientFactory {
    @Override
    protected HttpClient.Builder createNewHttpClientBuilder() {
        return new NoConnectTimeout(super.createNewHttpClientBuilder());
    }

    private record NoConnectTimeout(HttpClient.Builder builder) implements HttpClient.Builder {
        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            return this;
        }

        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            builder.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            builder.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            builder.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            builder.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
            builder.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            builder.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            builder.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            builder.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            builder.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient.Builder localAddress(InetAddress localAddr) {
            builder.localAddress(localAddr);
            return this;
        }

        @Override
        public HttpClient build() {
            return builder.build();
        }
    }
}
