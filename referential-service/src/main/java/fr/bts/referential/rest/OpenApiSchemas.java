package fr.bts.referential.rest;


import fr.bts.referential.api.Views;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Schemas of the answers built as a {@code Response} (pages with their Link headers): the same shape as
 * {@code fr.bts.commons.http.Page} with its item type named, so that a generated client gets a typed page.
 */
final class OpenApiSchemas {

    private OpenApiSchemas() {
    }

    @Schema(name = "CertificationPage", description = "One page of certifications, with the total count (Link and X-Total-Count headers too)")
    record CertificationPage(int page, int size, long totalItems, int totalPages, List<Views.CertificationSummary> items) {
    }

    @Schema(name = "SearchPage", description = "One page of search hits, best first")
    record SearchPage(int page, int size, long totalItems, int totalPages, List<Views.SearchHit> items) {
    }
}
