package fr.bts.gateway.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who a caller is for rate limits and the access log. A client acting for itself (a platform or rectorat
 * service account: {@code azp} set and no person behind it) is counted by its client id, so that all its
 * instances share one budget; a person is counted by token subject (not by {@code azp}, which would make
 * every jury tablet share the budget of the {@code jury-app} client); an anonymous caller by IP.
 *
 * @param key      the bucket key: {@code client:<azp>}, {@code user:<sub>} or {@code ip:<address>}
 * @param clientId the client id when the key is a client's, else null
 */
public record ClientKey(String key, String clientId, boolean anonymous) {

    public static ClientKey of(SecurityIdentity identity, String ip) {
        if (identity == null || identity.isAnonymous()) {
            return new ClientKey("ip:" + ip, null, true);
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String azp = jwt.getClaim("azp");
            String username = jwt.getClaim("preferred_username");
            boolean serviceAccount = username == null || username.startsWith("service-account-");
            if (azp != null && serviceAccount) {
                return new ClientKey("client:" + azp, azp, false);
            }
            if (jwt.getSubject() != null) {
                return new ClientKey("user:" + jwt.getSubject(), null, false);
            }
        }
        return new ClientKey("user:" + identity.getPrincipal().getName(), null, false);
    }
}
