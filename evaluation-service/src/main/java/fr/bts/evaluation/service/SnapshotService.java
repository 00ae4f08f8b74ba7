package fr.bts.evaluation.service;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.client.DossierClient;
import fr.bts.evaluation.client.RegistrationSnapshot;
import fr.bts.evaluation.deliberation.FormeInscription;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.repository.CandidateRepository;
import fr.bts.evaluation.repository.GradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The registration snapshot a session takes from dossier-service when grading starts. */
@ApplicationScoped
public class SnapshotService {

    private static final Set<String> EXCLUDED_REGISTRATIONS = Set.of("WITHDRAWN", "CANCELLED", "REJECTED", "DRAFT");

    @Inject
    Access access;
    @Inject
    DossierClient dossiers;
    @Inject
    SessionService sessions;
    @Inject
    AuditService audit;
    @Inject
    CandidateRepository candidates;
    @Inject
    GradeRepository grades;

    /** Copies the registrations of the session's year and certification into its candidates (and their NV, dispenses, bénéfices). */
    void take(ExamSession session) {
        RegistrationSnapshot snapshot = dossiers.snapshot(Integer.toString(session.year), session.certification)
                .orElseThrow(() -> ProblemException.conflict("dossier-service has no registrations for "
                        + session.certification + " " + session.year + " in your académie"));
        if (snapshot.academie() != null && !snapshot.academie().equals(session.academie)) {
            throw new ProblemException(ProblemType.BAD_GATEWAY, "dossier-service answered for another académie");
        }
        if (snapshot.referentialVersion() != null && snapshot.referentialVersion() != session.referentialVersion) {
            throw ProblemException.conflict("The registrations are on version " + snapshot.referentialVersion()
                    + " of the referential, the session on version " + session.referentialVersion);
        }
        ReglesExamen rules = sessions.rules(session);
        List<String> problems = new ArrayList<>();
        Instant now = Instant.now();
        int count = 0;
        for (RegistrationSnapshot.Candidate c : nonNull(snapshot.candidates())) {
            if (c.status() != null && EXCLUDED_REGISTRATIONS.contains(c.status())) {
                continue;
            }
            if (c.candidateNumber() == null || c.candidateNumber().isBlank()) {
                problems.add("a registration " + c.registrationId() + " has no candidate number");
                continue;
            }
            if (c.referentialVersion() != null && c.referentialVersion() != session.referentialVersion) {
                problems.add(c.candidateNumber() + ": inscrit(e) sur la version " + c.referentialVersion());
                continue;
            }
            SessionCandidate candidate = candidate(session, rules, c, problems);
            candidates.persist(candidate);
            registrationGrades(session, rules, candidate, c, now).forEach(grades::persist);
            count++;
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, "The registration snapshot does not match the session's version: "
                    + String.join("; ", problems.subList(0, Math.min(20, problems.size())))));
        }
        session.snapshotTakenAt = now;
        audit.append(session.academie, session.id, access.username(), "SNAPSHOT_TAKEN", session.certification + "/" + session.year,
                Map.of("candidates", count, "generatedAt", String.valueOf(snapshot.generatedAt())));
    }

    /** The session's candidate from one registration; what does not match the version is added to {@code problems}. */
    private static SessionCandidate candidate(ExamSession session, ReglesExamen rules, RegistrationSnapshot.Candidate c, List<String> problems) {
        for (RegistrationSnapshot.Benefice b : nonNull(c.benefices())) {
            if (b.note() == null || b.note().signum() < 0 || b.note().compareTo(ReglesExamen.VINGT) > 0) {
                problems.add(c.candidateNumber() + ": bénéfice " + b.unite() + " sans note valide");
            }
        }
        SessionCandidate candidate = new SessionCandidate();
        candidate.id = UUID.randomUUID();
        candidate.sessionId = session.id;
        candidate.registrationId = c.registrationId() == null ? c.candidateNumber() : c.registrationId();
        candidate.candidateNumber = c.candidateNumber();
        candidate.account = c.account();
        candidate.lastName = c.lastName();
        candidate.firstName = c.firstName();
        candidate.birthDate = RegistrationSnapshot.date(c.birthDate());
        candidate.categorie = c.categorie();
        candidate.voie = c.voie();
        candidate.forme = "PROGRESSIVE".equals(c.forme()) ? FormeInscription.PROGRESSIVE.name() : FormeInscription.GLOBALE.name();
        Set<String> epreuves = new LinkedHashSet<>();
        for (String unite : concat(c.unites(), c.unitesFacultatives())) {
            Optional<EpreuveExamen> epreuve = rules.epreuveDeUnite(unite);
            if (epreuve.isEmpty()) {
                problems.add(c.candidateNumber() + ": unité " + unite + " inconnue de la version");
            } else {
                epreuves.add(epreuve.get().code());
            }
        }
        candidate.epreuves = new ArrayList<>(epreuves);
        return candidate;
    }

    /** The grades a registration brings: dispenses, bénéfices (kept marks) and NV, one per épreuve (the last wins). */
    private static java.util.Collection<Grade> registrationGrades(ExamSession session, ReglesExamen rules, SessionCandidate candidate,
                                                                RegistrationSnapshot.Candidate c, Instant now) {
        Map<String, Grade> fromRegistration = new LinkedHashMap<>();
        for (RegistrationSnapshot.Dispense d : nonNull(c.dispenses())) {
            rules.epreuveDeUnite(d.unite()).ifPresent(e ->
                    fromRegistration.put(e.code(), registrationGrade(session, candidate, e.code(), StatutNote.DISPENSE, null, now)));
        }
        for (RegistrationSnapshot.Benefice b : nonNull(c.benefices())) {
            rules.epreuveDeUnite(b.unite()).ifPresent(e ->
                    fromRegistration.put(e.code(), registrationGrade(session, candidate, e.code(), StatutNote.BENEFICE, b.note(), now)));
        }
        for (RegistrationSnapshot.EpreuveDossier d : nonNull(c.epreuves())) {
            if (d.nv() && rules.epreuve(d.epreuve()).isPresent()) {
                fromRegistration.put(d.epreuve(), registrationGrade(session, candidate, d.epreuve(), StatutNote.NV, null, now));
            }
        }
        return fromRegistration.values();
    }

    private static Grade registrationGrade(ExamSession session, SessionCandidate candidate, String epreuve, StatutNote statut,
                                           java.math.BigDecimal note, Instant now) {
        Grade g = new Grade();
        g.id = UUID.randomUUID();
        g.sessionId = session.id;
        g.candidateId = candidate.id;
        g.epreuve = epreuve;
        g.statut = statut;
        g.note = note;
        g.origine = Origine.INSCRIPTION;
        g.grader = "dossier-service";
        g.gradedAt = now;
        return g;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(nonNull(a));
        all.addAll(nonNull(b));
        return all;
    }

}
