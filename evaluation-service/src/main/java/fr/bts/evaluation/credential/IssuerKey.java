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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The académies' signing keys (EC P-256, ES256), one per académie issuer, read from
 * {@code bts.credentials.key-directory}: {@code <académie>.jwk} is that académie's private JWK and
 * {@code <académie>.retired.jwks} its retired public keys; the public keys of every académie are published at the
 * JWKS endpoint, each known as its académie's, so that a credential of one académie signed with another's key is
 * refused. The demo stack lets the service generate a missing key once ({@code bts.credentials.generate-key});
 * instances sharing the directory agree on it (the first writer wins).
 */
@ApplicationScoped
public class IssuerKey {

    static final ProblemType UNAVAILABLE = ProblemType.custom("credentials-unavailable",
            "No issuer key is configured for signed credentials", 503);
    private static final Logger LOG = Logger.getLogger(IssuerKey.class);
    private static final Pattern ACADEMIE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String PRIVATE = ".jwk";
    private static final String RETIRED = ".retired.jwks";

    /** A published public key and the académie whose issuer it belongs to. */
    public record Published(String academie, ECKey key) {
    }

    @Inject
    CredentialConfig config;

    private final Map<String, ECKey> signing = new ConcurrentHashMap<>();

    /** The private signing key of {@code academie}'s issuer; 503 when none is configured. */
    public ECKey signingKey(String academie) {
        if (academie == null || !ACADEMIE.matcher(academie).matches()) {
            throw new ProblemException(UNAVAILABLE, "No issuer key for académie " + academie);
        }
        return signing.computeIfAbsent(academie, a -> {
            Path file = directory().resolve(a + PRIVATE);
            if (!Files.exists(file) && config.generateKey()) {
                generate(file);
            }
            if (!Files.exists(file)) {
                throw new ProblemException(UNAVAILABLE, "No issuer key for académie " + a + " (" + file.getFileName()
                        + " in bts.credentials.key-directory)");
            }
            return load(file);
        });
    }

    /** The public keys that verify what the académies' issuers signed (current and retired, every académie). */
    public JWKSet publicKeys() {
        return new JWKSet(published().stream().map(p -> (JWK) p.key()).toList());
    }

    /** The public key with this {@code kid} and its académie, if an issuer publishes it. */
    public Optional<Published> publicKey(String kid) {
        return published().stream().filter(p -> kid.equals(p.key().getKeyID())).findFirst();
    }

    private List<Published> published() {
        Path dir = config.keyDirectory().orElse(null);
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Published> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(RETIRED) && ACADEMIE.matcher(name.substring(0, name.length() - RETIRED.length())).matches()) {
                    String academie = name.substring(0, name.length() - RETIRED.length());
                    readSet(file).getKeys().stream().filter(ECKey.class::isInstance)
                            .forEach(k -> keys.add(new Published(academie, ((ECKey) k).toPublicJWK())));
                } else if (name.endsWith(PRIVATE) && ACADEMIE.matcher(name.substring(0, name.length() - PRIVATE.length())).matches()) {
                    String academie = name.substring(0, name.length() - PRIVATE.length());
                    keys.add(new Published(academie, signingKey(academie).toPublicJWK()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("bts.credentials.key-directory " + dir + " cannot be read", e);
        }
        return keys;
    }

    private Path directory() {
        return config.keyDirectory().orElseThrow(() -> new ProblemException(UNAVAILABLE,
                "bts.credentials.key-directory (CREDENTIALS_KEY_DIR) is not set"));
    }

    private static ECKey load(Path file) {
        try {
            JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve()) || ec.getKeyID() == null) {
                throw new IllegalStateException(file + " must hold a private EC P-256 JWK with a kid");
            }
            return ec;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("The issuer key " + file + " is not a readable JWK", e);
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
            throw new IllegalStateException("The retired keys " + file + " are not a readable JWK Set", e);
        }
    }
}
