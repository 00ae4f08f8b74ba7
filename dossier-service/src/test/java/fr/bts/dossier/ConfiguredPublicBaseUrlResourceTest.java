package fr.bts.dossier;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fr.bts.devstack.PublicLinks.assertAllTarget;
import static fr.bts.devstack.PublicLinks.forwarded;
import static fr.bts.devstack.PublicLinks.links;
import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code PUBLIC_BASE_URL} set (production): {@code Location} and {@code Link} name it, whatever the request says. */
@QuarkusTest
@TestProfile(ConfiguredPublicBaseUrlResourceTest.Configured.class)
class ConfiguredPublicBaseUrlResourceTest {

    static final String CONFIGURED = "https://dossiers.example.fr";
    static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bts.http.public-base-url", CONFIGURED);
        }
    }

    @Test
    void configuredBaseUrlWinsInLocationAndLinks() {
        forwarded(as(RECTORAT)).contentType("application/json")
                .body(sam("2073", "VER-2073-00001", "cand-links-4")).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith(CONFIGURED + DOSSIERS + "/"));
        List<String> links = links(as(RECTORAT).queryParam("session", "2073").get(DOSSIERS));
        assertTrue(links.size() >= 2, links::toString);
        assertAllTarget(links, CONFIGURED + DOSSIERS);
    }
}
