package fr.bts.commons.security;

/** The realm roles of the {@code bts-suite} Keycloak realm (ARCHITECTURE.md, "Identity and access"). */
public final class Roles {

    public static final String REFERENTIAL_ADMIN = "referential-admin";
    public static final String RECTORAT = "rectorat";
    public static final String JURY_MEMBER = "jury-member";
    public static final String JURY_PRESIDENT = "jury-president";
    public static final String CANDIDATE = "candidate";
    public static final String PLATFORM_READER = "platform-reader";

    private Roles() {
    }
}
