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
import fr.bts.evaluation.client.ReferentialClient;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionStatus;
import fr.bts.evaluation.repository.SessionRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens sessions on a referential version, moves them through their statuses and takes the registration snapshot. */
@ApplicationScoped
public class SessionService {

    private static final ProblemType RULES_INCOMPLETE = ProblemType.custom("exam-rules-incomplete",
            "The referential version's exam rules are incomplete", 422);

    @Inject
    Access access;
    @Inject
    ReferentialClient referential;
    @Inject
    SnapshotService snapshots;
    @Inject
    SessionRepository sessionRepository;
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
        if (sessionRepository.exists(academie, certification, request.year())) {
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
        sessionRepository.persist(session);
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
                snapshots.take(session);
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
        sessionRepository.flush();
        return SessionView.of(session);
    }

    /** The exam rules copied at opening (never written again, so parsed once: {@link ExamRulesCache}). */
    public ReglesExamen rules(ExamSession session) {
        return rulesCache.get(session.certification, session.referentialVersion, session.rules);
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

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
