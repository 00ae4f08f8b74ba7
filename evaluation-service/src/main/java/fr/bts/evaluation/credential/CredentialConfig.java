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
     * The issuer's private signing key: a JWK (EC P-256, with its {@code kid}) in a file, mounted from a secret in
     * production. Unset: credential operations answer 503 {@code credentials-unavailable}.
     */
    Optional<Path> keyFile();

    /** Whether a missing {@link #keyFile()} is generated (the demo stack and the tests; never production). */
    @WithDefault("false")
    boolean generateKey();

    /** Public JWKs (a JWK Set file) of retired issuer keys, still published so that what they signed verifies. */
    Optional<Path> retiredKeysFile();

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
