package fr.bts.referential.rest;

import fr.bts.commons.http.ConditionalGet.Validators;
import fr.bts.commons.security.token.CachedBearerMechanism;
import fr.bts.referential.service.PublicReads;
import fr.bts.referential.service.Visibility;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
 * {@code exp}; its roles decide), any other token going through authentication (verified as for any request, once
 * per token), and after the same generation check as {@link PublicVersionRoute}, with the answer the resource gives: the same bytes, ETag, {@code Cache-Control} and {@code Vary}. A referential-admin (who
 * sees drafts), a token that does not verify, an id that is not a UUID, an item not in memory or a generation that
 * moved all go on to the resource, which answers them as before (its 400, 401 and 404 problems included).
 */
@ApplicationScoped
public class PublicItemRoute {

    static final String ITEM_PATH = "/api/referential/v1/items/:id";

    @Inject
    PublicReads reads;

    @Inject
    FreshAnswer answers;

    @Inject
    VersionResponses responses;

    @Inject
    CachedBearerMechanism bearer;

    void install(@Observes Router router) {
        router.get(ITEM_PATH).order(-1).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        UUID id = uuid(ctx.pathParam("id"));
        PublicReads.Entry entry = id == null ? null : reads.rememberedItem(id);
        if (entry == null) {
            ctx.next();
            return;
        }
        if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            forCaller(ctx, Visibility.PUBLIC, entry);
            return;
        }
        SecurityIdentity verified = bearer.verifiedIdentity(ctx);
        if (verified != null) {
            forCaller(ctx, Visibility.of(verified), entry);
            return;
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(ctx, null);
        if (identity == null) {
            ctx.next();
            return;
        }
        Context context = Vertx.currentContext();
        identity.subscribe().with(who -> FreshAnswer.onContext(context, () -> forCaller(ctx, Visibility.of(who), entry)),
                failure -> FreshAnswer.onContext(context, ctx::next));
    }

    private void forCaller(RoutingContext ctx, Visibility visibility, PublicReads.Entry entry) {
        if (visibility.seesDrafts()) {
            ctx.next();
            return;
        }
        answers.whenFresh(ctx, entry.generation(), () -> write(ctx, (PublicReads.Answer) entry.value()));
    }

    private void write(RoutingContext ctx, PublicReads.Answer answer) {
        if (!answers.answeredNotModified(ctx, Validators.of(answer.tag()), responses.listPolicy(Visibility.PUBLIC))) {
            ctx.response().end(Buffer.buffer(answer.body()));
        }
    }

    private static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
