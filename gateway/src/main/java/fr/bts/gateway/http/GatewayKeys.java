package fr.bts.gateway.http;

/** Names of what the gateway's handlers leave on the routing context for the next ones and the access log. */
public final class GatewayKeys {

    /** The request id ({@link fr.bts.commons.http.RequestIds#of}, which keeps it under this key). */
    public static final String REQUEST_ID = fr.bts.commons.http.RequestIds.MDC_KEY;
    /** Who is calling: {@code client:<azp>}, {@code user:<sub>} or {@code ip:<address>}. */
    public static final String CLIENT = "bts.gateway.client";
    /** Name of the route family, or {@code docs}, {@code health}… for the gateway's own endpoints. */
    public static final String ROUTE = "bts.gateway.route";
    /** The backend instance the request went to, as its URL ({@code http://host:port}). */
    public static final String INSTANCE = "bts.gateway.instance";

    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private GatewayKeys() {
    }
}
