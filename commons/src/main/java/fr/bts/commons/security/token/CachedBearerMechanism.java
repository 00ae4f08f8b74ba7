package fr.bts.commons.security.token;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * The bearer token of a request, when it is one already verified ({@link CachingTokenIdentityProvider}, the very same
 * text, before its {@code exp} and the TTL), is authenticated here, ahead of the OIDC mechanism: that one parses the
 * token's payload as JSON on every request before any identity provider is asked (to tell an opaque token from a JWT),
 * which was about a sixth of a cached item read (JFR, issue 16). The identity still goes through the identity provider
 * manager ({@link Request}, answered by {@link CachingTokenIdentityProvider}), so the augmentors run as for any other
 * request. Any other request (no bearer token, a token not verified before, expired or evicted) gets no identity here
 * and goes on to the OIDC mechanism, which verifies it as always; challenges are the OIDC mechanism's.
 */
@ApplicationScoped
public class CachedBearerMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    /** A bearer token the verified-token cache holds, and the identity it held for it when the request was made. */
    public static final class Request extends BaseAuthenticationRequest {
        private final SecurityIdentity verified;

        Request(SecurityIdentity verified) {
            this.verified = verified;
        }

        SecurityIdentity verified() {
            return verified;
        }
    }

    @Inject
    CachingTokenIdentityProvider provider;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        SecurityIdentity verified = verifiedIdentity(context);
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        Request request = new Request(verified);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    /**
     * The identity verified earlier for this request's bearer token (the very same text, its {@code exp} and the TTL
     * checked now), without this request's contexts; null when the request has no bearer token or one not verified
     * before (expired, evicted, altered). For an event-loop route that decides on the caller's roles alone and, when
     * this is null, hands the request to the full authentication.
     */
    public SecurityIdentity verifiedIdentity(RoutingContext context) {
        return verifiedIdentity(context.request().getHeader(HttpHeaders.AUTHORIZATION));
    }

    /** {@link #verifiedIdentity(RoutingContext)} for a request's {@code Authorization} value already read (or null). */
    public SecurityIdentity verifiedIdentity(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return provider.verified(authorization.substring(BEARER.length()).trim());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends io.quarkus.security.identity.request.AuthenticationRequest>> getCredentialTypes() {
        return Set.of(Request.class);
    }

    /** Before the OIDC mechanism, which authenticates every request this one leaves. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
