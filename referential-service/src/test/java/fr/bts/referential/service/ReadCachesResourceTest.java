package fr.bts.referential.service;

import com.github.benmanes.caffeine.cache.Cache;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.referential.config.ReferentialConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read caches are bounded by {@code referential.cache.*} and emptied on this instance when a version write
 * commits (their coherence across instances, the read generation, is what AdminResourceTest and HttpCachingResourceTest
 * check through the API).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ReadCachesResourceTest {

    @Inject
    ReadCaches caches;

    @Inject
    ReferentialConfig config;

    @Test
    void everyCacheIsBoundedByItsConfiguredSize() {
        assertEquals(config.cache().publicReadsMaxSize(), maximum(caches.publicReads()));
        assertEquals(config.cache().representationsMaxSize(), maximum(caches.representations()));
        assertEquals(config.cache().casePackagesMaxSize(), maximum(caches.casePackages()));
    }

    @Test
    void aCommittedVersionWriteEmptiesEveryCache() {
        given().when().get("/api/referential/v1/certifications/BTS-GPME/versions/1").then().statusCode(200);
        given().when().get("/api/referential/v1/certifications/BTS-GPME").then().statusCode(200);
        given().when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200);
        assertTrue(size(caches.representations()) > 0, "the version document is remembered");
        assertTrue(size(caches.publicReads()) > 0, "the summary and the CASE list are remembered");
        assertTrue(size(caches.casePackages()) > 0, "the CASE packages are remembered");

        given().auth().oauth2(TestTokens.token("admin", null, "referential-admin")).contentType("application/json")
                .body("""
                        {"code":"BTS-CACHE","rncp":"RNCP99995","intitule":"BTS - Cache (fixture)","type":"BTS","niveau":"5",
                         "nomenclatureNiveau":"NIVEAU_5","etat":"Active","nsf":[],"formacodes":[],"rome":[],"certificateurs":[],
                         "datePublication":null,"dateDebutParcours":null,"dateEcheanceEnregistrement":null,
                         "dateDerniereDelivrance":null,"baseLegale":null,"arretes":[],"certificationsAnterieures":[]}""")
                .when().post("/api/referential/v1/certifications").then().statusCode(201);

        assertEquals(0, size(caches.representations()));
        assertEquals(0, size(caches.publicReads()));
        assertEquals(0, size(caches.casePackages()));
    }

    private static long maximum(Cache<?, ?> cache) {
        return cache.policy().eviction().orElseThrow().getMaximum();
    }

    private static long size(Cache<?, ?> cache) {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
