package fr.bts.referential.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.ConditionalGet.CachePolicy;
import fr.bts.commons.http.ConditionalGet.Validators;
import fr.bts.referential.service.VersionWrites;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the event-loop fast paths ({@link PublicVersionRoute}, {@link PublicItemRoute}) share to answer from memory:
 * the check that the remembered answer's generation is the one this instance's valid lease acked (from memory, on the
 * event loop) or, without a valid lease, the shared generation read after the request arrived
 * ({@link VersionWrites#fresh}, off the event loop), and the conditional GET of the answer. Either way the request
 * goes on on its own context: answered when the generation matches, handed to the next route (the REST
 * resource, which reads the database and fills the memory) when it moved or could not be read.
 */
@ApplicationScoped
public class FreshAnswer {

    @Inject
    VersionWrites writes;

    @Inject
    ConditionalGet conditional;

    /**
     * Runs {@code answer} at once when this instance's valid lease acked {@code generation}, or once a generation read
     * after now is {@code generation}; otherwise {@code ctx.next()}.
     */
    void whenFresh(RoutingContext ctx, long generation, Runnable answer) {
        whenFresh(ctx, generation, answer, ctx::next);
    }

    /** The same, with {@code stale} run instead of {@code ctx.next()} (e.g. to time what the next route answers). */
    void whenFresh(RoutingContext ctx, long generation, Runnable answer, Runnable stale) {
        if (writes.trusts(generation)) {
            answer.run();
            return;
        }
        Context context = Vertx.currentContext();
        writes.fresh().whenComplete((current, failure) -> context.runOnContext(done -> {
            if (failure == null && current == generation) {
                answer.run();
            } else {
                stale.run();
            }
        }));
    }

    /** Puts the validators and policy of a JSON answer on the response; true when it was ended with 304. */
    boolean answeredNotModified(RoutingContext ctx, Validators validators, CachePolicy policy) {
        return conditional.answeredNotModified(ctx, validators, policy, VersionResponses.JSON);
    }

    /** The same for an answer whose header fields were encoded once ({@link ConditionalGet#prepare}). */
    boolean answeredNotModified(RoutingContext ctx, ConditionalGet.Prepared answer) {
        return conditional.answeredNotModified(ctx, answer);
    }

    /** Runs {@code step} on {@code context}: at once when this is its thread, else as a task of it. */
    static void onContext(Context context, Runnable step) {
        if (Vertx.currentContext() == context) {
            step.run();
        } else {
            context.runOnContext(done -> step.run());
        }
    }
}
