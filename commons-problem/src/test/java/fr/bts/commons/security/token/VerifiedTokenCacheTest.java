package fr.bts.commons.security.token;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The store's rules on a clock the test moves: exact key, expiry at use, TTL, bound. */
class VerifiedTokenCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static SecurityIdentity identity(long expSeconds) {
        Map<String, Object> claims = Map.of(Claims.sub.name(), "sub-1", Claims.exp.name(), expSeconds);
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "sub-1";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("r").build();
    }

    @Test
    void onlyTheSameTokenHitsAndOnlyBeforeItsExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(60_000, 10, now::get);
        SecurityIdentity id = identity(now.get() / 1000 + 5);
        cache.put("aaa.bbb.ccc", id);
        assertSame(id, cache.get("aaa.bbb.ccc"));
        assertNull(cache.get("aaa.bbb.ccd"), "one byte off is another token");
        now.addAndGet(4_999);
        assertSame(id, cache.get("aaa.bbb.ccc"));
        now.addAndGet(1);
        assertNull(cache.get("aaa.bbb.ccc"), "refused at its exp, checked at use");
        assertEquals(0, cache.size(), "an expired entry is dropped when met");
    }

    @Test
    void aTokenOtherThanTheCachedOneAheadOfItsSignatureDoesNotHit() {
        VerifiedTokenCache cache = new VerifiedTokenCache(60_000, 10, now::get);
        SecurityIdentity id = identity(now.get() / 1000 + 5);
        String signed = "header.claims." + "s".repeat(64);
        cache.put(signed, id);
        assertNull(cache.get("headeR.claims." + "s".repeat(64)), "the same length and signature, other claims: no hit");
        assertNull(cache.get("header.claims." + "s".repeat(63)), "a shorter token: no hit");
        assertSame(id, cache.get(new String(signed.toCharArray())), "the same text in another String: a hit");
    }

    @Test
    void theTtlBoundsATokenWithALongExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(1_000, 10, now::get);
        cache.put("t", identity(now.get() / 1000 + 3600));
        now.addAndGet(999);
        assertEquals("sub-1", cache.get("t").getPrincipal().getName());
        now.addAndGet(1);
        assertNull(cache.get("t"));
    }

    @Test
    void expiredOrAnonymousOrExpiryLessIdentitiesAreNotKept() {
        VerifiedTokenCache cache = new VerifiedTokenCache(60_000, 10, now::get);
        cache.put("past", identity(now.get() / 1000 - 1));
        cache.put("none", identity(0));
        cache.put("anonymous", QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        cache.put("null", null);
        assertEquals(0, cache.size());
    }

    @Test
    void aFullCacheDropsExpiredEntriesThenStartsOver() {
        VerifiedTokenCache cache = new VerifiedTokenCache(60_000, 2, now::get);
        long exp = now.get() / 1000 + 10;
        cache.put("short", identity(now.get() / 1000 + 1));
        cache.put("long", identity(exp));
        now.addAndGet(1_000);
        cache.put("third", identity(exp));
        assertEquals(2, cache.size(), "the expired entry made room");
        assertNull(cache.get("short"));
        cache.put("fourth", identity(exp));
        assertEquals(1, cache.size(), "nothing expired: started over with the new entry only");
        assertEquals("sub-1", cache.get("fourth").getPrincipal().getName());
    }
}
