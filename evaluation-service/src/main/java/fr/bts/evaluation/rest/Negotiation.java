package fr.bts.evaluation.rest;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Variant;

/**
 * The representation a request gets among those an operation offers, chosen by JAX-RS from its Accept header (q-values
 * and specificity; on a tie, or without Accept, the first offered). An Accept that none matches is a 406 problem.
 */
final class Negotiation {

    static final MediaType CSV = MediaType.valueOf(DeliberationResource.TEXT_CSV);
    static final MediaType PDF = MediaType.valueOf(DeliberationResource.APPLICATION_PDF);

    private Negotiation() {
    }

    static MediaType select(Request request, MediaType... offered) {
        Variant chosen = request.selectVariant(Variant.mediaTypes(offered).build());
        if (chosen == null) {
            throw new NotAcceptableException();
        }
        return chosen.getMediaType();
    }
}
