package fr.bts.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final VerifiedTokens cache = new VerifiedTokens(true, 60_000, 2, now::get);

    private SecurityIdentity identityExpiringIn(long seconds) {
        long exp = now.get() / 1000 + seconds;
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "platform-demo";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) Map.<String, Object>of("exp", exp).get(name);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("platform-reader").build();
    }

    @Test
    void theSameTokenIsReusedUntilTheTtl() {
        SecurityIdentity identity = identityExpiringIn(300);
        cache.put("Bearer a", identity);
        assertSame(identity, cache.get("Bearer a"));
        now.addAndGet(59_000);
        assertSame(identity, cache.get("Bearer a"));
        now.addAndGet(1_000);
        assertNull(cache.get("Bearer a"), "never kept longer than the TTL");
    }

    @Test
    void neverPastTheTokensOwnExpiry() {
        cache.put("Bearer a", identityExpiringIn(10));
        now.addAndGet(9_999);
        assertEquals("platform-demo", cache.get("Bearer a").getPrincipal().getName());
        now.addAndGet(1);
        assertNull(cache.get("Bearer a"));
    }

    @Test
    void otherBytesNeverHit() {
        cache.put("Bearer a", identityExpiringIn(300));
        assertNull(cache.get("Bearer a "));
        assertNull(cache.get("Bearer b"));
    }

    @Test
    void staysBounded() {
        cache.put("Bearer a", identityExpiringIn(300));
        cache.put("Bearer b", identityExpiringIn(300));
        cache.put("Bearer c", identityExpiringIn(300));
        assertEquals(1, cache.size());
        assertNull(cache.get("Bearer a"));
    }

    @Test
    void disabledKeepsNothing() {
        VerifiedTokens off = new VerifiedTokens(false, 60_000, 10, now::get);
        off.put("Bearer a", identityExpiringIn(300));
        assertNull(off.get("Bearer a"));
    }
}
