package fr.bts.referential.rest;

import fr.bts.commons.http.ConditionalGet.CachePolicy;
import fr.bts.commons.http.ConditionalGet.Validators;
import fr.bts.commons.security.token.CachedBearerMechanism;
import fr.bts.referential.service.PublicReads;
import fr.bts.referential.service.Visibility;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Fast path of the item read ({@link ItemResource#item}), which platforms call element by element: an item whose
 * public answer is in memory ({@link PublicReads}) is answered on the event loop, for a caller without a token or with
 * a token already verified ({@link CachedBearerMechanism#verifiedIdentity}: the very same text, before its
 * {@code exp} and the TTL; its roles decide), after the same generation check as {@link PublicVersionRoute}, with the
 * answer the resource gives: the same bytes, ETag, {@code Cache-Control} and {@code Vary}. Anything else goes on to
 * Quarkus's authentication and the resource, which answer it as before: a token not verified yet (verified there,
 * once per token, and refused with 401 when it does not verify), a referential-admin (who sees drafts), an id that is
 * not a UUID (400), an item not in memory or a generation that moved.
 */
@ApplicationScoped
public class PublicItemRoute {

    static final String ITEM_PATH = "/api/referential/v1/items/:id";

    /**
     * Before Quarkus's authentication filter (-200) and the REST layer's filter after it (-199), as
     * {@link PublicVersionRoute#ORDER}: this route decides on a token only when it is one verified before, and the
     * deferred identity and the path mapping for the metrics' URI template were about a sixth of a cached item read
     * (JFR, issue 16). No {@code quarkus.http.auth.permission} policy may cover this path, since this answer comes
     * before it.
     */
    static final int ORDER = PublicVersionRoute.ORDER;

    @Inject
    PublicReads reads;

    @Inject
    FreshAnswer answers;

    @Inject
    VersionResponses responses;

    @Inject
    CachedBearerMechanism bearer;

    /** The policy of every answer of this route (public items), made once: it depends on configuration alone. */
    private volatile CachePolicy publicPolicy;

    void install(@Observes Router router) {
        router.get(ITEM_PATH).order(ORDER).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        UUID id = uuid(ctx.pathParam("id"));
        PublicReads.Entry entry = id == null ? null : reads.rememberedItem(id);
        if (entry == null || !publicCaller(ctx)) {
            ctx.next();
            return;
        }
        answers.whenFresh(ctx, entry.generation(), () -> write(ctx, (PublicReads.Answer) entry.value()));
    }

    /** Whether the caller has no token, or one verified before whose roles do not show drafts. */
    private boolean publicCaller(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return true;
        }
        SecurityIdentity verified = bearer.verifiedIdentity(authorization);
        return verified != null && !Visibility.of(verified).seesDrafts();
    }

    private void write(RoutingContext ctx, PublicReads.Answer answer) {
        if (!answers.answeredNotModified(ctx, Validators.of(answer.tag()), publicPolicy())) {
            ctx.response().end(Buffer.buffer(answer.body()));
        }
    }

    private CachePolicy publicPolicy() {
        CachePolicy policy = publicPolicy;
        if (policy == null) {
            policy = responses.listPolicy(Visibility.PUBLIC);
            publicPolicy = policy;
        }
        return policy;
    }

    private static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
