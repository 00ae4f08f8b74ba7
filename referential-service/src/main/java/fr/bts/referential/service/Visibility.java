package fr.bts.referential.service;

import fr.bts.commons.security.Caller;
import fr.bts.commons.security.Roles;
import fr.bts.referential.model.VersionStatus;
import io.quarkus.security.identity.SecurityIdentity;

import java.util.List;

/**
 * Which versions a caller sees: everyone sees the public ones (published or deprecated); a {@code referential-admin}
 * sees drafts and validated versions too. A version a caller does not see is answered 404, as if it did not exist,
 * and only answers of {@link #PUBLIC} reads are remembered or cached publicly.
 */
public enum Visibility {
    PUBLIC(List.of(VersionStatus.PUBLISHED, VersionStatus.DEPRECATED)),
    ADMIN(List.of(VersionStatus.values()));

    private final List<VersionStatus> statuses;

    Visibility(List<VersionStatus> statuses) {
        this.statuses = statuses;
    }

    /** The visibility of the caller of the current request. */
    public static Visibility of(Caller caller) {
        return !caller.isAnonymous() && caller.hasRole(Roles.REFERENTIAL_ADMIN) ? ADMIN : PUBLIC;
    }

    /** The visibility of an identity resolved outside the request scope (event-loop routes, deferred identities). */
    public static Visibility of(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.hasRole(Roles.REFERENTIAL_ADMIN) ? ADMIN : PUBLIC;
    }

    public boolean sees(VersionStatus status) {
        return statuses.contains(status);
    }

    /** The statuses of the versions this caller sees (for queries). */
    public List<VersionStatus> statuses() {
        return statuses;
    }

    /** Whether this caller sees more than everyone (drafts): its answers are private and never remembered. */
    public boolean seesDrafts() {
        return this == ADMIN;
    }
}
