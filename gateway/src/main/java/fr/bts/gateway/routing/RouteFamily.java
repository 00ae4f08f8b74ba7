package fr.bts.gateway.routing;

import java.util.List;
import java.util.Set;

/**
 * One family of routes: the path prefixes sent to one service and the coarse access rule the gateway
 * applies before forwarding (the service still checks everything itself). Plain Java, no framework.
 *
 * @param publicReads  prefixes that GET and HEAD may reach without a token (the published referential,
 *                     the CASE API: ARCHITECTURE.md, "Identity and access")
 * @param readRoles    roles of which one is needed to read; empty = any valid token
 * @param writeRoles   roles of which one is needed to write; empty = any valid token
 */
public record RouteFamily(String name, List<String> prefixes, String service, List<String> publicReads,
                          Set<String> readRoles, Set<String> writeRoles, long maxBodySize) {

    public RouteFamily {
        prefixes = List.copyOf(prefixes);
        publicReads = List.copyOf(publicReads);
        readRoles = Set.copyOf(readRoles);
        writeRoles = Set.copyOf(writeRoles);
    }

    /** What a request needs before it is forwarded. */
    public record Access(boolean anonymousAllowed, Set<String> anyOfRoles) {
        static final Access PUBLIC = new Access(true, Set.of());
    }

    public boolean matches(String path) {
        return prefixes.stream().anyMatch(prefix -> underPrefix(path, prefix));
    }

    /** The longest of this family's prefixes that {@code path} is under, or -1. */
    int matchLength(String path) {
        int best = -1;
        for (String prefix : prefixes) {
            if (underPrefix(path, prefix) && prefix.length() > best) {
                best = prefix.length();
            }
        }
        return best;
    }

    public Access access(String method, String path) {
        boolean read = isRead(method);
        if (read && publicReads.stream().anyMatch(prefix -> underPrefix(path, prefix))) {
            return Access.PUBLIC;
        }
        return new Access(false, read ? readRoles : writeRoles);
    }

    public static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /**
     * {@code /api/dossiers} covers {@code /api/dossiers} and {@code /api/dossiers/…} but not
     * {@code /api/dossiersX}; a prefix ending with {@code /} covers what is below it.
     */
    static boolean underPrefix(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || prefix.endsWith("/") || path.charAt(prefix.length()) == '/';
    }
}
