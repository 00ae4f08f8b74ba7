package fr.bts.evaluation.credential;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.CredentialDtos.CandidateCredentials;
import fr.bts.evaluation.api.CredentialDtos.CredentialView;
import fr.bts.evaluation.api.CredentialDtos.SessionCredentials;
import fr.bts.evaluation.credential.AchievementCatalog.Catalog;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.IssuedCredential;
import fr.bts.evaluation.model.IssuedCredential.Kind;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.repository.CredentialRepository;
import fr.bts.evaluation.service.Access;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Who gets which signed credentials (issue 17), scoped like every result: a candidate their own once the session is
 * published, the rectorat and the session's president any candidate's, the rectorat a whole session in bulk; another
 * académie's session does not exist (404). Credentials are issued on first read and kept: reading again answers the
 * same signed documents until a revision revokes them.
 */
@ApplicationScoped
public class CredentialService {

    @Inject
    Access access;
    @Inject
    CredentialLedger ledger;
    @Inject
    CredentialRepository credentials;

    @Transactional
    public CandidateCredentials forCandidate(UUID sessionId, String candidateNumber, String origin) {
        ExamSession session = access.session(sessionId);
        SessionCandidate candidate = access.readableCandidate(session, candidateNumber);
        return new CandidateCredentials(candidate.candidateNumber, views(ledger.inForce(session, candidate, origin), origin));
    }

    /** One page of the session's candidates with their credentials (rectorat only). */
    @Transactional
    public SessionCredentials forSession(UUID sessionId, int page, int size, String origin) {
        ExamSession session = access.session(sessionId);
        if (!access.hasRole(Roles.RECTORAT)) {
            throw ProblemException.forbidden("Only the rectorat receives a session's credentials in bulk");
        }
        List<CandidateCredentials> items = credentials.candidates(session.id, page, size).stream()
                .map(c -> new CandidateCredentials(c.candidateNumber, views(ledger.inForce(session, c, origin), origin))).toList();
        return new SessionCredentials(page, size, credentials.candidateCount(session.id), items);
    }

    /** The PDF attestation of a validated bloc whose attestation is delivered, with the QR code of its credential. */
    @Transactional
    public byte[] attestationPdf(UUID sessionId, String candidateNumber, String bloc, String origin) {
        ExamSession session = access.session(sessionId);
        SessionCandidate candidate = access.readableCandidate(session, candidateNumber);
        IssuedCredential credential = ledger.inForce(session, candidate, origin).stream()
                .filter(c -> c.kind == Kind.BLOC && c.achievement.equals(bloc)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No delivered attestation of bloc " + bloc + " for " + candidateNumber));
        Catalog catalog = ledger.catalog(session);
        CredentialClaims claims = ledger.claims(credential);
        String name = (candidate.firstName == null ? "" : candidate.firstName + " ") + (candidate.lastName == null ? "" : candidate.lastName);
        return AttestationPdf.render(new AttestationPdf.Content(catalog, catalog.bloc(bloc), claims.units(), name.trim(),
                candidate.candidateNumber, session.year, session.academie, credential.revision, credential.issuedAt,
                credential.shortCode, OpenBadges.codeUrl(origin, credential.shortCode)));
    }

    private static List<CredentialView> views(List<IssuedCredential> held, String origin) {
        return held.stream().map(c -> new CredentialView("urn:uuid:" + c.id, c.kind.name(), c.achievement, c.revision, c.issuedAt,
                c.shortCode, OpenBadges.codeUrl(origin, c.shortCode), c.jwt)).toList();
    }
}
