package fr.bts.referential.rest;

import fr.bts.referential.service.VersionWrites;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * The check the event-loop fast paths ({@link PublicVersionRoute}, {@link PublicItemRoute}) make before answering
 * from memory: the shared generation, read after the request arrived ({@link VersionWrites#fresh}, off the event
 * loop), must still be the one the remembered answer was read under. Either way the request goes on on its own
 * context: answered when the generation matches, handed to the next route (the REST resource, which reads the
 * database and fills the memory) when it moved or could not be read.
 */
final class FreshAnswer {

    private FreshAnswer() {
    }

    static void whenFresh(VersionWrites writes, RoutingContext ctx, long generation, Runnable answer) {
        Context context = Vertx.currentContext();
        writes.fresh().whenComplete((current, failure) -> context.runOnContext(done -> {
            if (failure == null && current == generation) {
                answer.run();
            } else {
                ctx.next();
            }
        }));
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
