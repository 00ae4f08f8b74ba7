package fr.bts.evaluation.credential;

import fr.bts.commons.problem.ProblemException;
import fr.bts.evaluation.repository.CredentialRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * The académie's W3C Bitstring Status Lists (v1.0, purpose revocation): bit {@code i} (the left-most bit of the
 * first byte is 0) is set when the credential at index {@code i} is revoked; the bitstring is GZIP-compressed and
 * multibase base64url-encoded ({@code u…}) in a {@code BitstringStatusListCredential}, signed like the credentials.
 */
@ApplicationScoped
public class StatusLists {

    @Inject
    CredentialRepository credentials;
    @Inject
    CredentialLedger ledger;
    @Inject
    CredentialSigner signer;
    @Inject
    CredentialConfig config;

    /** The signed status list credential (VC-JWT) of list {@code list} of the académie; 404 for a list not handed out. */
    @Transactional
    public String credential(String academie, int list, String origin) {
        long taken = credentials.positionsTaken(academie);
        if (list < 0 || taken == 0 || list > (taken - 1) / config.statusListBits()) {
            throw ProblemException.notFound("No status list " + academie + "/" + list);
        }
        ledger.reconcile(academie);
        byte[] bits = new byte[config.statusListBits() / 8];
        for (int index : credentials.revokedIndexes(academie, list)) {
            bits[index / 8] |= (byte) (1 << (7 - index % 8));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return signer.sign(OpenBadges.statusListCredential(origin, academie, list, encode(bits), now), academie,
                OpenBadges.issuerId(origin, academie), null, now, null);
    }

    /** GZIP, then multibase base64url without padding ({@code u} prefix). */
    static String encode(byte[] bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }
}
