package fr.bts.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** What {@link ProxyExchange} decides from a request or a failure alone: plain functions, no state. */
final class Exchanges {

    private Exchanges() {
    }

    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean unreachable(Throwable cause) {
        return cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)
                || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException;
    }

    /** Methods that RFC 9110 §9.2.2 defines as idempotent. */
    static boolean idempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE;
    }

    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase().contains("chunked");
    }
}
