package fr.bts.evaluation.credential;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Signed credentials (issue 17): the issuer key, the status lists, validity (documented in the README). */
@ConfigMapping(prefix = "bts.credentials")
public interface CredentialConfig {

    /**
     * The académies' signing keys, one per académie issuer: {@code <directory>/<académie>.jwk} holds the private JWK
     * (EC P-256, with its {@code kid}) of that académie, mounted from its secret in production; a
     * {@code <académie>.retired.jwks} beside it (a JWK Set of public keys) keeps what retired keys signed verifiable.
     * Unset, or no key for an académie: its credential operations answer 503 {@code credentials-unavailable}.
     */
    Optional<Path> keyDirectory();

    /** Whether a missing académie key is generated in {@link #keyDirectory()} (the demo stack and the tests; never production). */
    @WithDefault("false")
    boolean generateKey();

    /** Bits of one Bitstring Status List; the W3C recommendation asks for at least 131,072 (16 KiB). */
    @WithDefault("131072")
    @Min(131072)
    @Max(8388608)
    int statusListBits();

    /** How long a credential is valid after issuance ({@code validUntil}); unset: no end (a diploma does not expire). */
    Optional<Duration> validity();

    /** Clock skew tolerated on validity dates when verifying. */
    @WithDefault("5M")
    Duration clockSkew();

    /** Referential versions (bloc titles, competencies) kept parsed for the achievements. */
    @WithDefault("64")
    long catalogCacheSize();
}
