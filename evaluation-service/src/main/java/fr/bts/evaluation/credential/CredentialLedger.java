package fr.bts.evaluation.credential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.problem.ProblemException;
import fr.bts.evaluation.credential.AchievementCatalog.Catalog;
import fr.bts.evaluation.credential.OpenBadges.Placement;
import fr.bts.evaluation.credential.OpenBadges.Subject;
import fr.bts.evaluation.deliberation.ResultatCandidat;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.IssuedCredential;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.repository.CredentialRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and revokes credentials, from the immutable sealed revisions only (no hook in the deliberation): a
 * credential in force is compared with each later revision of its session the first time anyone looks (issuance,
 * status list, verification); if the revision changes what it asserts ({@link CredentialClaims#sha256()}) it is
 * revoked, its bit set in the académie's status list. Callers hold a transaction.
 */
@ApplicationScoped
public class CredentialLedger {

    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int CODE_LENGTH = 10;
    private final SecureRandom random = new SecureRandom();

    @Inject
    CredentialRepository credentials;
    @Inject
    AchievementCatalog catalogs;
    @Inject
    CredentialSigner signer;
    @Inject
    CredentialConfig config;
    @Inject
    ObjectMapper mapper;

    /** The candidate's credentials in force at the session's latest revision, issuing those due and not yet issued. */
    public List<IssuedCredential> inForce(ExamSession session, SessionCandidate candidate, String origin) {
        if (session.currentRevision == 0) {
            throw ProblemException.conflict("The deliberation is not sealed yet; there is no result to certify");
        }
        credentials.lockCandidate(candidate.id);
        reconcile(session);
        ResultatCandidat result = result(session, candidate.id, session.currentRevision)
                .orElseThrow(() -> ProblemException.notFound("No result for " + candidate.candidateNumber));
        List<IssuedCredential> held = new ArrayList<>(credentials.inForce(candidate.id));
        for (CredentialClaims claims : CredentialClaims.due(result, session.certification, candidate.attestationRequested)) {
            boolean issued = held.stream().anyMatch(c -> c.kind == claims.kind() && c.achievement.equals(claims.achievement()));
            if (!issued) {
                held.add(issue(session, candidate, claims, origin));
            }
        }
        held.sort(Comparator.comparing((IssuedCredential c) -> c.kind).thenComparing(c -> c.achievement));
        return held;
    }

    /** Compares the session's credentials in force with its latest revision; revokes those it changes. */
    public void reconcile(ExamSession session) {
        for (IssuedCredential c : credentials.toCheck(session.id, session.currentRevision)) {
            Optional<String> now = result(session, c.candidateId, session.currentRevision)
                    .flatMap(r -> CredentialClaims.of(c.kind, c.achievement, r)).map(CredentialClaims::sha256);
            if (now.filter(c.claimsSha256::equals).isPresent()) {
                c.checkedRevision = session.currentRevision;
            } else {
                c.revokedAt = Instant.now();
                c.revokedByRevision = session.currentRevision;
                c.checkedRevision = session.currentRevision;
            }
        }
    }

    /** Reconciles every session of the académie with credentials not yet compared with its latest revision. */
    public void reconcile(String academie) {
        credentials.sessionsToCheck(academie).forEach(id -> reconcile(credentials.session(id)));
    }

    /** What the credential asserts, read again from the revision it was issued at. */
    public CredentialClaims claims(IssuedCredential credential) {
        ExamSession session = credentials.session(credential.sessionId);
        return result(session, credential.candidateId, credential.revision)
                .flatMap(r -> CredentialClaims.of(credential.kind, credential.achievement, r))
                .orElseThrow(() -> new IllegalStateException("credential " + credential.id + " has no result at its revision"));
    }

    public Catalog catalog(ExamSession session) {
        return catalogs.of(session.certification, session.referentialVersion);
    }

    private IssuedCredential issue(ExamSession session, SessionCandidate candidate, CredentialClaims claims, String origin) {
        Catalog catalog = catalog(session);
        long position = credentials.nextStatusPosition(session.academie);
        IssuedCredential row = new IssuedCredential();
        row.id = UUID.randomUUID();
        row.academie = session.academie;
        row.sessionId = session.id;
        row.candidateId = candidate.id;
        row.kind = claims.kind();
        row.achievement = claims.achievement();
        row.revision = session.currentRevision;
        row.checkedRevision = session.currentRevision;
        row.claimsSha256 = claims.sha256();
        row.statusList = Math.toIntExact(position / config.statusListBits());
        row.statusIndex = (int) (position % config.statusListBits());
        row.shortCode = shortCode();
        row.issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant until = config.validity().map(row.issuedAt::plus).orElse(null);
        Subject subject = new Subject(candidate.id, candidate.candidateNumber, nullSafe(candidate.lastName), nullSafe(candidate.firstName),
                session.year, session.academie);
        Placement at = new Placement(row.id, origin, row.statusList, row.statusIndex, row.shortCode, row.issuedAt, until);
        row.jwt = signer.sign(OpenBadges.credential(catalog, claims, subject, at), session.academie,
                OpenBadges.issuerId(origin, session.academie),
                "urn:uuid:" + candidate.id, row.issuedAt, until);
        credentials.persist(row);
        return row;
    }

    private Optional<ResultatCandidat> result(ExamSession session, UUID candidateId, int revision) {
        return credentials.sealedResultJson(session.id, candidateId, revision).map(json -> {
            try {
                return mapper.readValue(json, ResultatCandidat.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored result unreadable", e);
            }
        });
    }

    private String shortCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }
}
