package fr.bts.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The route families of application.properties and their access rules (ARCHITECTURE.md, "Identity and access"). */
class RouteTableTest {

    private static final RouteFamily REFERENTIAL = new RouteFamily("referential", List.of("/api/referential"), "referential",
            List.of("/api/referential/v1/certifications", "/api/referential/v1/items", "/api/referential/v1/search"),
            Set.of(), Set.of("referential-admin"), 5_000_000);
    private static final RouteFamily CASE = new RouteFamily("case", List.of("/ims/case"), "referential",
            List.of("/ims/case"), Set.of(), Set.of("referential-admin"), 65_536);
    private static final RouteFamily DOSSIERS = new RouteFamily("dossiers", List.of("/api/dossiers"), "dossier",
            List.of(), Set.of("rectorat", "candidate"), Set.of("rectorat"), 1_000);
    private static final RouteFamily DOSSIER_IMPORTS = new RouteFamily("imports", List.of("/api/dossiers/v1/imports"), "dossier",
            List.of(), Set.of("rectorat"), Set.of("rectorat"), 100_000_000);
    private static final RouteTable TABLE = new RouteTable(List.of(REFERENTIAL, CASE, DOSSIERS, DOSSIER_IMPORTS));

    @Test
    void prefixesMatchOnSegmentBoundaries() {
        assertEquals("referential", TABLE.match("/api/referential").orElseThrow().name());
        assertEquals("referential", TABLE.match("/api/referential/v1/certifications").orElseThrow().name());
        assertTrue(TABLE.match("/api/referentialX/v1").isEmpty());
        assertTrue(TABLE.match("/api").isEmpty());
        assertEquals("case", TABLE.match("/ims/case/v1p1/CFDocuments").orElseThrow().name());
    }

    @Test
    void theLongestPrefixWins() {
        assertEquals("imports", TABLE.match("/api/dossiers/v1/imports/12").orElseThrow().name());
        assertEquals("dossiers", TABLE.match("/api/dossiers/v1/dossiers").orElseThrow().name());
    }

    // rows: method, path, anonymous allowed, roles needed
    @Test
    void publishedReferentialReadsAreAnonymous() {
        assertTrue(REFERENTIAL.access("GET", "/api/referential/v1/certifications").anonymousAllowed());
        assertTrue(REFERENTIAL.access("GET", "/api/referential/v1/certifications/BTS-GPME/current").anonymousAllowed());
        assertTrue(REFERENTIAL.access("HEAD", "/api/referential/v1/items/42").anonymousAllowed());
        assertTrue(REFERENTIAL.access("GET", "/api/referential/v1/search").anonymousAllowed());
        assertTrue(CASE.access("GET", "/ims/case/v1p1/CFPackages/1").anonymousAllowed());
    }

    @Test
    void otherReferentialReadsNeedAnyToken() {
        RouteFamily.Access access = REFERENTIAL.access("GET", "/api/referential/v1/imports");
        assertFalse(access.anonymousAllowed());
        assertEquals(Set.of(), access.anyOfRoles());
        assertFalse(REFERENTIAL.access("GET", "/api/referential/v1/searchX").anonymousAllowed());
    }

    @Test
    void writesToTheReferentialNeedReferentialAdmin() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            RouteFamily.Access access = REFERENTIAL.access(method, "/api/referential/v1/certifications");
            assertFalse(access.anonymousAllowed(), method);
            assertEquals(Set.of("referential-admin"), access.anyOfRoles(), method);
        }
        assertEquals(Set.of("referential-admin"), CASE.access("POST", "/ims/case/v1p1/CFPackages").anyOfRoles());
    }

    @Test
    void dossiersNeedTheirFamilyRoles() {
        assertEquals(Set.of("rectorat", "candidate"), DOSSIERS.access("GET", "/api/dossiers/v1/dossiers").anyOfRoles());
        assertEquals(Set.of("rectorat"), DOSSIERS.access("POST", "/api/dossiers/v1/dossiers").anyOfRoles());
        assertFalse(DOSSIERS.access("GET", "/api/dossiers/v1/dossiers").anonymousAllowed());
    }

    @Test
    void aPathRuleGivesOnePathRolesOfItsOwnAndNothingElse() {
        RouteFamily evaluations = new RouteFamily("evaluations", List.of("/api/evaluations"), "evaluation", List.of(),
                Set.of("rectorat", "candidate"), Set.of("rectorat", "jury-member"), 1_000,
                List.of(new RouteFamily.PathRule("/api/evaluations/v1/sessions/*/candidates/*/attestations/requests",
                        null, Set.of("rectorat", "candidate"))));
        assertEquals(Set.of("rectorat", "candidate"),
                evaluations.access("POST", "/api/evaluations/v1/sessions/7/candidates/C42/attestations/requests").anyOfRoles());
        assertEquals(Set.of("rectorat", "jury-member"),
                evaluations.access("POST", "/api/evaluations/v1/sessions/7/candidates/C42/attestations").anyOfRoles());
        assertEquals(Set.of("rectorat", "jury-member"),
                evaluations.access("POST", "/api/evaluations/v1/sessions//candidates/C42/attestations/requests").anyOfRoles());
        assertEquals(Set.of("rectorat", "jury-member"),
                evaluations.access("POST", "/api/evaluations/v1/sessions/7/candidates/C42/attestations/requests/x").anyOfRoles());
        assertEquals(Set.of("rectorat", "candidate"),
                evaluations.access("GET", "/api/evaluations/v1/sessions/7/candidates/C42/attestations/requests").anyOfRoles(),
                "a rule without read roles leaves reads to the family's");
    }

    @Test
    void anAnonymousPathRuleOpensThatPathAloneToEveryMethodWithoutAToken() {
        RouteFamily evaluations = new RouteFamily("evaluations", List.of("/api/evaluations"), "evaluation", List.of(),
                Set.of("rectorat"), Set.of("rectorat", "jury-member"), 1_000,
                List.of(new RouteFamily.PathRule("/api/evaluations/v1/credentials/verifications", null, null, true)));
        assertTrue(evaluations.access("POST", "/api/evaluations/v1/credentials/verifications").anonymousAllowed());
        assertTrue(evaluations.access("GET", "/api/evaluations/v1/credentials/verifications").anonymousAllowed());
        assertFalse(evaluations.access("POST", "/api/evaluations/v1/credentials/verifications/x").anonymousAllowed());
        assertFalse(evaluations.access("POST", "/api/evaluations/v1/credentials").anonymousAllowed());
        assertEquals(Set.of("rectorat", "jury-member"),
                evaluations.access("POST", "/api/evaluations/v1/credentials/sessions").anyOfRoles());
    }
}
