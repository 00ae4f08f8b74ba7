package fr.bts.gateway.http;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The gateway's HTTP server meters carry no {@code server.port} tag. Quarkus tags the meters of a server with its
 * configured port when that port is above 0; the management interface listens on a port chosen at start (0, so that
 * several gateways share a machine), so its meters of the same names came without the tag, and Prometheus refuses
 * two meters of one name with different tag keys: the registration threw inside the management server's listen
 * callback, the gateway never finished starting ("started in" was never logged) and ignored SIGTERM. Without the
 * tag both servers' meters have the same keys; the {@code uri} tag still tells the scrapes from the proxied routes.
 */
public class ServerMetricsTags {

    @Produces
    @Singleton
    MeterFilter withoutServerPort() {
        return MeterFilter.ignoreTags("server.port");
    }
}
