package fr.bts.evaluation.credential;

import fr.bts.commons.http.ETags;
import fr.bts.evaluation.deliberation.Decision;
import fr.bts.evaluation.deliberation.Delivrance;
import fr.bts.evaluation.deliberation.ResultatCandidat;
import fr.bts.evaluation.deliberation.ResultatCandidat.AttestationBloc;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;
import fr.bts.evaluation.model.IssuedCredential.Kind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one credential asserts, read from a sealed result: a validated bloc with the units and marks that validated
 * it, or the delivered diploma with its average and every unit. Its {@link #sha256()} is what a later revision is
 * compared with: a revision that changes it revokes the credential.
 */
public record CredentialClaims(Kind kind, String achievement, Decision decision, BigDecimal moyenne, List<ResultatUnite> units) {

    /** The claims of a bloc at this result, if the bloc is validated there. */
    public static Optional<CredentialClaims> bloc(ResultatCandidat result, String bloc) {
        return result.attestations().stream().filter(a -> a.bloc().equals(bloc)).findFirst().map(a -> new CredentialClaims(
                Kind.BLOC, bloc, null, null, result.unites().stream().filter(u -> a.unites().contains(u.unite())).toList()));
    }

    /** The claims of the diploma at this result, if it is delivered (ADMIS). */
    public static Optional<CredentialClaims> diploma(ResultatCandidat result, String certification) {
        if (result.decision() != Decision.ADMIS) {
            return Optional.empty();
        }
        return Optional.of(new CredentialClaims(Kind.DIPLOMA, certification, result.decision(), result.moyenne(), result.unites()));
    }

    /** The claims of {@code kind}/{@code achievement} at this result, if they still hold. */
    public static Optional<CredentialClaims> of(Kind kind, String achievement, ResultatCandidat result) {
        return kind == Kind.BLOC ? bloc(result, achievement) : diploma(result, achievement);
    }

    /**
     * The credentials due at this result: the diploma when delivered, and each validated bloc whose attestation is
     * delivered (automatically for continuing education and VAE, on request otherwise: R6).
     */
    public static List<CredentialClaims> due(ResultatCandidat result, String certification, boolean attestationRequested) {
        List<CredentialClaims> due = new ArrayList<>();
        diploma(result, certification).ifPresent(due::add);
        for (AttestationBloc a : result.attestations()) {
            if (a.delivrance() == Delivrance.AUTOMATIQUE || attestationRequested) {
                bloc(result, a.bloc()).ifPresent(due::add);
            }
        }
        return due;
    }

    public Set<String> unitCodes() {
        return Set.copyOf(units.stream().map(ResultatUnite::unite).toList());
    }

    /** The hash of what the credential asserts (canonical text: kind, achievement, decision, average, each unit's mark). */
    public String sha256() {
        StringBuilder s = new StringBuilder().append(kind).append('\n').append(achievement).append('\n')
                .append(decision).append('\n').append(moyenne == null ? "" : moyenne.stripTrailingZeros().toPlainString()).append('\n');
        units.stream().sorted(java.util.Comparator.comparing(ResultatUnite::unite)).forEach(u -> s.append(u.unite()).append('\t')
                .append(u.epreuve()).append('\t').append(u.statut()).append('\t')
                .append(u.note() == null ? "" : u.note().stripTrailingZeros().toPlainString()).append('\n'));
        return ETags.sha256Hex(s.toString());
    }
}
