package fr.bts.gateway.routing;

import fr.bts.gateway.config.GatewayConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The route families of the configuration, and which one a path belongs to (longest prefix wins). */
public final class RouteTable {

    private final List<RouteFamily> families;
    /** The metrics' {@code uri} tag of each prefix ({@code /api/referential/**}), made once. */
    private final Map<String, String> meterUris = new HashMap<>();

    public RouteTable(List<RouteFamily> families) {
        this.families = List.copyOf(families);
        for (RouteFamily family : this.families) {
            for (String prefix : family.prefixes()) {
                meterUris.put(prefix, (prefix.endsWith("/") ? prefix : prefix + "/") + "**");
            }
        }
    }

    public static RouteTable from(GatewayConfig config) {
        List<RouteFamily> families = new ArrayList<>();
        for (Map.Entry<String, GatewayConfig.Route> entry : config.routes().entrySet()) {
            GatewayConfig.Route route = entry.getValue();
            if (!config.services().containsKey(route.service())) {
                throw new IllegalStateException("gateway.routes." + entry.getKey() + ".service names an unknown service '"
                        + route.service() + "' (known: " + config.services().keySet() + ")");
            }
            families.add(new RouteFamily(entry.getKey(), route.prefixes(), route.service(),
                    route.publicReads().orElse(List.of()),
                    new HashSet<>(route.readRoles().orElse(List.of())),
                    new HashSet<>(route.writeRoles().orElse(List.of())),
                    route.maxBodySize().asLongValue(),
                    route.pathRules().values().stream().map(rule -> new RouteFamily.PathRule(rule.path(),
                            rule.readRoles().map(Set::copyOf).orElse(null),
                            rule.writeRoles().map(Set::copyOf).orElse(null), rule.anonymous())).toList()));
        }
        return new RouteTable(families);
    }

    public Optional<RouteFamily> match(String path) {
        RouteFamily best = null;
        int bestLength = -1;
        for (RouteFamily family : families) {
            int length = family.matchLength(path);
            if (length > bestLength) {
                best = family;
                bestLength = length;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The {@code uri} tag of a proxied path's metrics: its prefix followed by {@code /**}, so that item, dossier
     * and grade ids do not each make a time series; null when the path is not proxied.
     */
    public String meterUri(String path) {
        String best = null;
        for (RouteFamily family : families) {
            for (String prefix : family.prefixes()) {
                if (RouteFamily.underPrefix(path, prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
        }
        return best == null ? null : meterUris.get(best);
    }

    /** Every configured prefix, for registering the proxy routes. */
    public List<String> prefixes() {
        return families.stream().flatMap(f -> f.prefixes().stream()).distinct().toList();
    }
}
