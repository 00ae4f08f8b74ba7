package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.SessionDtos.OpenSession;
import fr.bts.evaluation.api.SessionDtos.SessionView;
import fr.bts.evaluation.client.DossierClient;
import fr.bts.evaluation.client.ReferentialClient;
import fr.bts.evaluation.client.RegistrationSnapshot;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.deliberation.FormeInscription;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.model.SessionStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Opens sessions on a referential version, moves them through their statuses and takes the registration snapshot. */
@ApplicationScoped
public class SessionService {

    private static final Set<String> EXCLUDED_REGISTRATIONS = Set.of("WITHDRAWN", "CANCELLED", "REJECTED", "DRAFT");
    private static final ProblemType RULES_INCOMPLETE = ProblemType.custom("exam-rules-incomplete",
            "The referential version's exam rules are incomplete", 422);

    @Inject
    Access access;
    @Inject
    ReferentialClient referential;
    @Inject
    DossierClient dossiers;
    @Inject
    AuditService audit;
    @Inject
    ObjectMapper mapper;

    @Inject
    EvaluationConfig config;

    private ExamRulesCache rulesCache;

    @PostConstruct
    void init() {
        rulesCache = new ExamRulesCache(config.rulesCache().maxSize(), mapper);
    }

    @Transactional
    public SessionView open(OpenSession request) {
        String academie = access.academie();
        JsonNode version = referential.version(request.certification(), request.referentialVersion())
                .orElseThrow(() -> ProblemException.invalid("referentialVersion",
                        "no version " + request.referentialVersion() + " of " + request.certification() + " in the referential"));
        String status = version.path("version").path("status").asText("PUBLISHED");
        if (!"PUBLISHED".equals(status)) {
            throw ProblemException.conflict("Version " + request.referentialVersion() + " of " + request.certification()
                    + " is " + status + "; a session runs on a published version");
        }
        ExamRules.Extraction extraction = ExamRules.from(version);
        if (!extraction.missing().isEmpty()) {
            List<Problem.Violation> violations = extraction.missing().stream()
                    .map(m -> new Problem.Violation("referentialVersion", m)).toList();
            throw new ProblemException(Problem.of(RULES_INCOMPLETE, "The exam rules of " + request.certification() + " version "
                    + request.referentialVersion() + " are incomplete: " + String.join("; ", extraction.missing()), violations)
                    .with("missing", extraction.missing()));
        }
        String certification = version.path("certification").path("code").asText(request.certification());
        int number = version.path("version").path("number").asInt();
        if (ExamSession.count("academie = ?1 and certification = ?2 and year = ?3", academie, certification, request.year()) > 0) {
            throw ProblemException.conflict("A " + certification + " session " + request.year() + " already exists in your académie");
        }
        ExamSession session = new ExamSession();
        session.id = UUID.randomUUID();
        session.academie = academie;
        session.certification = certification;
        session.referentialVersion = number;
        session.year = request.year();
        session.status = SessionStatus.OPEN;
        session.rules = json(extraction.regles());
        session.createdBy = access.username();
        session.createdAt = Instant.now();
        session.persist();
        audit.append(academie, session.id, access.username(), "SESSION_OPENED", certification + "/" + request.year(),
                Map.of("certification", certification, "referentialVersion", number, "year", request.year()));
        return SessionView.of(session);
    }

    @Transactional
    public SessionView get(UUID id) {
        return SessionView.of(access.session(id));
    }

    @Transactional
    public Page<SessionView> list(PageRequest page) {
        var query = access.visibleSessions();
        long total = query.count();
        List<ExamSession> items = query.page(page.page(), page.size()).list();
        return Page.of(page, total, items.stream().map(SessionView::of).toList());
    }

    @Transactional
    public SessionView transition(UUID id, SessionStatus to, String ifMatch) {
        ExamSession session = access.sessionForUpdate(id);
        ETags.requireIfMatch(ifMatch, ETags.ofVersion(session.version));
        SessionStatus from = session.status;
        switch (to) {
            case GRADING -> {
                requireFrom(session, SessionStatus.OPEN, to);
                requireRole(Roles.RECTORAT, "Only the rectorat starts grading");
                session.status = to;
                takeSnapshot(session);
            }
            case DELIBERATION -> {
                requireFrom(session, SessionStatus.GRADING, to);
                if (!access.seesWholeSession(session)) {
                    throw ProblemException.forbidden("Only the rectorat or the jury president opens the deliberation");
                }
            }
            case PUBLISHED -> {
                requireFrom(session, SessionStatus.SEALED, to);
                requireRole(Roles.RECTORAT, "Only the rectorat publishes results");
                session.publishedAt = Instant.now();
            }
            default -> throw ProblemException.conflict("A session cannot be moved to " + to + " here"
                    + (to == SessionStatus.SEALED ? "; the president seals through POST …/deliberations/seal" : ""));
        }
        session.status = to;
        audit.append(session.academie, session.id, access.username(), "SESSION_" + to, session.certification + "/" + session.year,
                Map.of("from", from, "to", to));
        ExamSession.getEntityManager().flush();
        return SessionView.of(session);
    }

    /** The exam rules copied at opening (never written again, so parsed once: {@link ExamRulesCache}). */
    public ReglesExamen rules(ExamSession session) {
        return rulesCache.get(session.certification, session.referentialVersion, session.rules);
    }

    private void takeSnapshot(ExamSession session) {
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
        ReglesExamen rules = rules(session);
        List<String> problems = new ArrayList<>();
        Instant now = Instant.now();
        int count = 0;
        for (RegistrationSnapshot.Candidate c : snapshot.candidates() == null ? List.<RegistrationSnapshot.Candidate>of() : snapshot.candidates()) {
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
            candidate.persist();
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
            fromRegistration.values().forEach(g -> g.persist());
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

    private void requireFrom(ExamSession session, SessionStatus from, SessionStatus to) {
        if (session.status != from) {
            throw ProblemException.conflict("The session is " + session.status + "; it moves to " + to + " only from " + from);
        }
    }

    private void requireRole(String role, String message) {
        if (!access.hasRole(role)) {
            throw ProblemException.forbidden(message);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(nonNull(a));
        all.addAll(nonNull(b));
        return all;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
