package fr.bts.commons.security.token;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers {@link CachedBearerMechanism}'s requests: the identity the verified-token cache held for the request's token
 * when the mechanism looked it up (its {@code exp} checked then), with this request's contexts.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<CachedBearerMechanism.Request> {

    @Override
    public Class<CachedBearerMechanism.Request> getRequestType() {
        return CachedBearerMechanism.Request.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CachedBearerMechanism.Request request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(CachingTokenIdentityProvider.forThisRequest(request.verified(), request, context));
    }
}
