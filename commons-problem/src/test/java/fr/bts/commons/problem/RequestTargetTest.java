package fr.bts.commons.problem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/x/%00", "/api/x/%22", "/api/x/%zz", "/api/x/%", "/api/x/%4", "/api/x/%C3%28",
            "/api/x/%0D%0A", "/api/x/%7F", "/api/x/%3Cscript%3E", "/api/x/a%5Cb", "/api/x/%ED%A0%80"})
    void oddPathsAreRefused(String path) {
        Problem.Violation refused = RequestTarget.refusal(path, null);
        assertNotNull(refused, path);
        assertEquals("path", refused.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/referential/v1/certifications/BTS-GPME/versions/current",
            "/api/dossiers/v1/dossiers/65f0a1b2c3d4e5f601234567", "/api/x/%C3%A9l%C3%A8ve", "/api/x/a%20b", "/q/health/ready"})
    void ordinaryPathsPass(String path) {
        assertNull(RequestTarget.refusal(path, "page=1&size=20&q=gestion+de+la+PME&q2=%C3%A9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%00", "q=a%0Db", "q=%zz", "%00=1", "q=%E9"})
    void oddQueriesAreRefusedNamingTheParameter(String query) {
        Problem.Violation refused = RequestTarget.refusal("/api/x", query);
        assertNotNull(refused, query);
        assertEquals(query.startsWith("q=") ? "q" : "query", refused.field());
    }

    /** The shortcut of {@link RequestTarget#isUri} never accepts what {@link java.net.URI} refuses. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/referential/v1/items/5078fc06-e3fa-5125-9281-6f41167494cb",
            "/api/x?page=1&size=20&q=gestion+de+la+PME&q2=%C3%A9", "/api/x/a;b=c/(d)!~*'$,:@?x=/?y", "/",
            "/api/x/%zz", "/api/x/%4", "/api/x/a b", "/api/x/a|b", "/api/x/<a>", "/api/x/a\\b", "/api/x?q=[1]",
            "//host/path", "/api/x#frag", "/api/x/\u00e9", "/api/x/%", "/api/x?q=a^b", "/api/x/`", "*", "", "a/b"})
    void theShortcutAgreesWithUri(String target) {
        boolean parses;
        try {
            new java.net.URI(target);
            parses = true;
        } catch (java.net.URISyntaxException e) {
            parses = false;
        }
        assertEquals(parses, RequestTarget.isUri(target), target);
        if (RequestTarget.plainUri(target)) {
            assertEquals(true, parses, target);
        }
        if (RequestTarget.plainlyAccepted(target)) {
            int query = target.indexOf('?');
            assertNull(RequestTarget.refusal(query < 0 ? target : target.substring(0, query),
                    query < 0 ? null : target.substring(query + 1)), target);
            assertEquals(true, parses, target);
        }
    }
}
