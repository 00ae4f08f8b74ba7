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
 * @param pathRules    paths of the family with roles of their own (the first that matches wins), e.g. the
 *                     candidate's own {@code POST …/attestations/requests} among evaluation writes that are
 *                     otherwise for rectorats and juries
 */
public record RouteFamily(String name, List<String> prefixes, String service, List<String> publicReads,
                          Set<String> readRoles, Set<String> writeRoles, long maxBodySize, List<PathRule> pathRules) {

    public RouteFamily {
        prefixes = List.copyOf(prefixes);
        publicReads = List.copyOf(publicReads);
        readRoles = Set.copyOf(readRoles);
        writeRoles = Set.copyOf(writeRoles);
        pathRules = List.copyOf(pathRules);
    }

    public RouteFamily(String name, List<String> prefixes, String service, List<String> publicReads,
                       Set<String> readRoles, Set<String> writeRoles, long maxBodySize) {
        this(name, prefixes, service, publicReads, readRoles, writeRoles, maxBodySize, List.of());
    }

    /**
     * A path whose roles differ from its family's: {@code pattern} is a path where {@code *} stands for
     * exactly one non-empty segment; null roles mean the family's; {@code anonymous} opens the path to every
     * method without a token (the public check of a presented credential, a POST: issue 17), the caller then
     * counted in the anonymous rate-limit budget like any public read.
     */
    public record PathRule(String pattern, Set<String> readRoles, Set<String> writeRoles, boolean anonymous) {

        public PathRule(String pattern, Set<String> readRoles, Set<String> writeRoles) {
            this(pattern, readRoles, writeRoles, false);
        }

        boolean matches(String path) {
            String[] expected = pattern.split("/", -1);
            String[] actual = path.split("/", -1);
            if (expected.length != actual.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                boolean any = "*".equals(expected[i]) && !actual[i].isEmpty();
                if (!any && !expected[i].equals(actual[i])) {
                    return false;
                }
            }
            return true;
        }
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
        for (PathRule rule : pathRules) {
            if (rule.matches(path)) {
                if (rule.anonymous()) {
                    return Access.PUBLIC;
                }
                Set<String> roles = read ? rule.readRoles() : rule.writeRoles();
                if (roles != null) {
                    return new Access(false, roles);
                }
            }
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
