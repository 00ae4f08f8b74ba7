package fr.bts.commons.http;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coding decision is the server compressor's own negotiation, over the configured compressors and media types. */
class ContentCodingsTest {

    private static ContentCodings codings(List<String> compressors) {
        ContentCodings codings = new ContentCodings();
        codings.enabled = true;
        codings.compressors = compressors;
        codings.mediaTypes = List.of("application/json", "text/csv");
        return codings;
    }

    @Test
    void gzipOnlyWhenTheClientAcceptsItAndTheTypeIsCompressible() {
        ContentCodings gzip = codings(List.of("gzip"));
        assertEquals("gzip", gzip.coding("gzip", "application/json"));
        assertEquals("gzip", gzip.coding("gzip, deflate, br", "application/json; charset=UTF-8"));
        assertEquals("gzip", gzip.coding("*", "text/csv"));
        assertNull(gzip.coding("identity", "application/json"));
        assertNull(gzip.coding("gzip;q=0", "application/json"));
        assertNull(gzip.coding("deflate", "application/json"), "no deflate compressor configured");
        assertNull(gzip.coding("br", "application/json"));
        assertNull(gzip.coding(null, "application/json"));
        assertNull(gzip.coding("gzip", "application/pdf"));
        assertNull(gzip.coding("gzip", null));
        assertTrue(gzip.compressible("Application/JSON"));
        assertFalse(gzip.compressible("application/problem+json"));
    }

    @Test
    void withDeflateConfiguredTheClientsPreferenceDecides() {
        ContentCodings both = codings(List.of("gzip", "deflate"));
        assertEquals("deflate", both.coding("deflate", "application/json"));
        assertEquals("gzip", both.coding("deflate;q=0.5, gzip", "application/json"));
    }

    @Test
    void compressionOffMeansIdentityEverywhere() {
        ContentCodings off = codings(List.of("gzip"));
        off.enabled = false;
        assertNull(off.coding("gzip", "application/json"));
        assertFalse(off.compressible("application/json"));
    }

    @Test
    void varyIsOneFieldLineNamingEachFieldOnce() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        ContentCodings.addVary(headers, "Authorization");
        ContentCodings.addVary(headers, "Accept-Encoding");
        ContentCodings.addVary(headers, "accept-encoding");
        assertEquals(List.of("Authorization, Accept-Encoding"), headers.getAll("Vary"));
    }
}
