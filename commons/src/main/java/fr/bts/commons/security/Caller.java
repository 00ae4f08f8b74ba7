package fr.bts.commons.security;

import fr.bts.commons.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is calling, read from the validated access token only: subject, username, roles and the
 * {@code academie} claim that is the tenant of every dossier and session. Never from a path, query or
 * header the caller controls (ARCHITECTURE.md).
 */
@RequestScoped
public class Caller {

    public static final String ACADEMIE_CLAIM = "academie";

    @Inject
    SecurityIdentity identity;

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The token's {@code sub}, or the principal name when the token has none. */
    public String subject() {
        Optional<JsonWebToken> jwt = jwt();
        if (jwt.isPresent() && jwt.get().getSubject() != null) {
            return jwt.get().getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** {@code preferred_username} when present (people), else the client id (service accounts), else sub. */
    public String username() {
        return jwt().map(t -> {
            Object preferred = t.getClaim("preferred_username");
            if (preferred != null) {
                return preferred.toString();
            }
            Object azp = t.getClaim("azp");
            return azp != null ? azp.toString() : t.getSubject();
        }).orElse(identity.getPrincipal().getName());
    }

    /** The caller's académie, when the token carries one (national administrators and platforms have none). */
    public Optional<String> academie() {
        return jwt().map(t -> t.<Object>getClaim(ACADEMIE_CLAIM))
                .map(Object::toString)
                .map(String::trim)
                .filter(s -> !s.isEmpty());
    }

    /** The caller's académie; a tenant-scoped operation without one is forbidden. */
    public String requireAcademie() {
        return academie().orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no académie; this operation is scoped to one académie"));
    }

    private Optional<JsonWebToken> jwt() {
        Principal principal = identity.getPrincipal();
        return principal instanceof JsonWebToken token ? Optional.of(token) : Optional.empty();
    }
}
