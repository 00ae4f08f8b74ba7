package fr.bts.commons.security.token;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies a bearer token once per token instead of once per request (issue 16). It stands before the OIDC
 * identity provider: a token seen before (the very same text, still before its {@code exp} and the TTL) gets the
 * identity its first verification built; any other token goes to the OIDC provider, which checks signature,
 * issuer, audience and expiry as always, and only an identity it accepted is remembered. Refusals are never
 * cached, so a token one byte off, or of another issuer or audience, is verified anew and refused.
 *
 * <p>The first verification's identity carries two per-request attributes (its routing context and its
 * blocking-call context); they are dropped when caching and set to the current request's on every hit.
 */
@ApplicationScoped
public class CachingTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    private final OidcIdentityProvider oidc;
    private final VerifiedTokenCache cache;
    private final boolean enabled;
    private final AtomicLong verifications = new AtomicLong();

    @Inject
    CachingTokenIdentityProvider(OidcIdentityProvider oidc, TokenCacheConfig config) {
        this.oidc = oidc;
        this.enabled = config.enabled();
        this.cache = new VerifiedTokenCache(config.ttl().toMillis(), config.maxEntries(), System::currentTimeMillis);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before the OIDC provider (default priority), which this one calls on a miss. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled || !(request.getToken() instanceof AccessTokenCredential credential)) {
            return Uni.createFrom().nullItem();
        }
        String token = credential.getToken();
        SecurityIdentity known = cache.get(token);
        if (known != null) {
            return Uni.createFrom().item(forThisRequest(known, request, context));
        }
        verifications.incrementAndGet();
        return oidc.authenticate(request, context).invoke(identity -> cache.put(token, withoutRequestAttributes(identity)));
    }

    /**
     * The identity verified earlier for exactly this token, if the cache is on and the token still valid now (its
     * {@code exp} and the TTL checked at this call); else null ({@link CachedBearerMechanism}).
     */
    SecurityIdentity verified(String token) {
        return enabled ? cache.get(token) : null;
    }

    /** How many tokens were handed to the OIDC provider for a full verification since start (tests, diagnostics). */
    public long verifications() {
        return verifications.get();
    }

    /** A cached identity with this request's routing context and blocking-call context. */
    static SecurityIdentity forThisRequest(SecurityIdentity cached, AuthenticationRequest request,
                                           AuthenticationRequestContext context) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(cached)
                .addAttribute(REQUEST_CONTEXT, context);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            builder.addAttribute(ROUTING_CONTEXT, routing);
        }
        return builder.build();
    }

    private static SecurityIdentity withoutRequestAttributes(SecurityIdentity identity) {
        if (identity == null) {
            return null;
        }
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        attributes.remove(REQUEST_CONTEXT);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addAttributes(attributes)
                .addPermissionChecker(identity::checkPermission)
                .build();
    }
}
