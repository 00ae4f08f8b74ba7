package fr.bts.evaluation.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The académie issuer's signing key (EC P-256, ES256) read from {@code bts.credentials.key-file}, and the public keys
 * published at the JWKS endpoint: the current one and the retired ones. The demo stack lets the service generate the
 * file once ({@code bts.credentials.generate-key}); instances sharing the file agree on it (the first writer wins).
 */
@ApplicationScoped
public class IssuerKey {

    static final ProblemType UNAVAILABLE = ProblemType.custom("credentials-unavailable",
            "No issuer key is configured for signed credentials", 503);
    private static final Logger LOG = Logger.getLogger(IssuerKey.class);

    @Inject
    CredentialConfig config;

    private volatile ECKey key;
    private volatile JWKSet published;

    /** The private signing key; 503 when none is configured. */
    public ECKey signingKey() {
        ECKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = load(config.keyFile().orElseThrow(() -> new ProblemException(UNAVAILABLE,
                            "bts.credentials.key-file (CREDENTIALS_KEY_FILE) is not set")));
                }
                current = key;
            }
        }
        return current;
    }

    /** The public keys that verify what this issuer signed (current first). */
    public JWKSet publicKeys() {
        JWKSet set = published;
        if (set == null) {
            List<JWK> keys = new ArrayList<>();
            keys.add(signingKey().toPublicJWK());
            config.retiredKeysFile().map(IssuerKey::readSet).ifPresent(retired -> retired.getKeys().stream()
                    .map(JWK::toPublicJWK).forEach(keys::add));
            set = new JWKSet(keys);
            published = set;
        }
        return set;
    }

    /** The public key with this {@code kid}, if the issuer publishes it. */
    public Optional<ECKey> publicKey(String kid) {
        return publicKeys().getKeys().stream().filter(k -> k.getKeyID() != null && k.getKeyID().equals(kid))
                .filter(ECKey.class::isInstance).map(ECKey.class::cast).findFirst();
    }

    private ECKey load(Path file) {
        if (!Files.exists(file) && config.generateKey()) {
            generate(file);
        }
        try {
            JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve()) || ec.getKeyID() == null) {
                throw new IllegalStateException(file + " must hold a private EC P-256 JWK with a kid");
            }
            return ec;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("bts.credentials.key-file " + file + " is not a readable JWK", e);
        }
    }

    private static void generate(Path file) {
        try {
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".issuer-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, generated.toJSONString(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.createLink(file, temp);
                LOG.warnf("Generated the credential issuer key %s (kid %s): demo stack only", file, generated.getKeyID());
            } catch (FileAlreadyExistsException raced) {
                LOG.debugf("Another instance generated %s first", file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("Cannot generate the issuer key " + file, e);
        }
    }

    private static JWKSet readSet(Path file) {
        try {
            return JWKSet.load(file.toFile());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("bts.credentials.retired-keys-file " + file + " is not a readable JWK Set", e);
        }
    }
}
