package fr.bts.evaluation.service;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.evaluation.api.JuryDtos.Assignment;
import fr.bts.evaluation.api.JuryDtos.CommissionView;
import fr.bts.evaluation.api.JuryDtos.Jury;
import fr.bts.evaluation.api.JuryDtos.NewCommission;
import fr.bts.evaluation.api.JuryDtos.Person;
import fr.bts.evaluation.jury.CompositionJury;
import fr.bts.evaluation.model.Commission;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.JuryMember;
import fr.bts.evaluation.model.SessionCandidate;
import jakarta.enterprise.context.ApplicationScoped;
import fr.bts.evaluation.repository.CandidateRepository;
import fr.bts.evaluation.repository.CommissionRepository;
import fr.bts.evaluation.repository.JuryMemberRepository;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Appoints a session's jury (composition rules R19 checked) and its commissions, and assigns candidates to them. */
@ApplicationScoped
public class JuryService {

    @Inject
    Access access;
    @Inject
    SessionService sessions;
    @Inject
    AuditService audit;
    @Inject
    JuryMemberRepository members;
    @Inject
    CommissionRepository commissions;
    @Inject
    CandidateRepository candidates;

    @Transactional
    public Jury appoint(UUID sessionId, Jury jury) {
        ExamSession session = access.sessionForUpdate(sessionId);
        requireNotSealed(session);
        List<String> violations = new ArrayList<>(CompositionJury.violations(jury.president().qualite(),
                jury.members().stream().map(Person::qualite).toList()));
        Set<String> accounts = new HashSet<>();
        accounts.add(jury.president().account());
        for (Person member : jury.members()) {
            if (!accounts.add(member.account())) {
                violations.add("Le compte " + member.account() + " figure deux fois dans le jury");
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The jury does not satisfy the composition rules (R19): " + String.join("; ", violations),
                    violations.stream().map(v -> new Problem.Violation("members", v)).toList());
        }
        Set<String> inCommissions = commissions.ofSession(session.id).stream()
                .flatMap(c -> c.members.stream()).collect(Collectors.toSet());
        inCommissions.removeAll(accounts);
        if (!inCommissions.isEmpty()) {
            throw ProblemException.conflict("Members of commissions would leave the jury: " + inCommissions);
        }
        members.replaceable(session.id);
        persist(session, jury.president(), true);
        jury.members().forEach(m -> persist(session, m, false));
        audit.append(session.academie, session.id, access.username(), "JURY_APPOINTED", session.certification + "/" + session.year, jury);
        return jury;
    }

    @Transactional
    public Jury jury(UUID sessionId) {
        ExamSession session = access.session(sessionId);
        List<JuryMember> jury = members.ofSession(session.id);
        Person president = jury.stream().filter(m -> m.president).findFirst().map(JuryService::person)
                .orElseThrow(() -> ProblemException.notFound("No jury appointed for this session yet"));
        return new Jury(president, jury.stream().filter(m -> !m.president).map(JuryService::person).toList());
    }

    @Transactional
    public CommissionView createCommission(UUID sessionId, NewCommission request) {
        ExamSession session = access.sessionForUpdate(sessionId);
        requireNotSealed(session);
        if (sessions.rules(session).epreuve(request.epreuve()).isEmpty()) {
            throw ProblemException.invalid("epreuve", "no gradable épreuve " + request.epreuve() + " in this session's version");
        }
        Set<String> jury = members.ofSession(session.id).stream().map(m -> m.account).collect(Collectors.toSet());
        List<String> strangers = request.members().stream().filter(m -> !jury.contains(m)).toList();
        if (!strangers.isEmpty()) {
            throw ProblemException.invalid("members", "not members of this session's jury: " + strangers);
        }
        if (commissions.byCode(session.id, request.code()).isPresent()) {
            throw ProblemException.conflict("Commission " + request.code() + " already exists");
        }
        Commission commission = new Commission();
        commission.id = UUID.randomUUID();
        commission.sessionId = session.id;
        commission.code = request.code();
        commission.epreuve = request.epreuve();
        commission.members.addAll(request.members());
        commissions.persist(commission);
        audit.append(session.academie, session.id, access.username(), "COMMISSION_CREATED", request.code(), request);
        return view(commission, Map.of());
    }

    @Transactional
    public CommissionView assign(UUID sessionId, String code, Assignment assignment) {
        ExamSession session = access.sessionForUpdate(sessionId);
        requireNotSealed(session);
        if (session.snapshotTakenAt == null) {
            throw ProblemException.conflict("Candidates are known once grading starts (registration snapshot)");
        }
        Commission commission = commission(session, code);
        List<SessionCandidate> assigned = candidates.byNumbers(session.id, assignment.candidates());
        Map<String, SessionCandidate> byNumber = assigned.stream().collect(Collectors.toMap(c -> c.candidateNumber, c -> c));
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < assignment.candidates().size(); i++) {
            String number = assignment.candidates().get(i);
            SessionCandidate candidate = byNumber.get(number);
            if (candidate == null) {
                violations.add(new Problem.Violation("candidates[" + i + "]", "no candidate " + number + " in this session", number));
            } else if (!candidate.epreuves.contains(commission.epreuve)) {
                violations.add(new Problem.Violation("candidates[" + i + "]", number + " does not sit " + commission.epreuve, number));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() + " candidate(s) cannot be assigned", violations);
        }
        commission.candidates.clear();
        assigned.forEach(c -> commission.candidates.add(c.id));
        audit.append(session.academie, session.id, access.username(), "COMMISSION_ASSIGNED", code,
                Map.of("candidates", assignment.candidates()));
        return view(commission, byNumber.values().stream().collect(Collectors.toMap(c -> c.id, c -> c.candidateNumber)));
    }

    @Transactional
    public List<CommissionView> commissions(UUID sessionId) {
        ExamSession session = access.session(sessionId);
        Map<UUID, String> numbers = candidates.refs(session.id).stream()
                .collect(Collectors.toMap(CandidateRepository.CandidateRef::id, CandidateRepository.CandidateRef::candidateNumber));
        return commissions.ofSession(session.id).stream().map(c -> view(c, numbers)).toList();
    }

    private Commission commission(ExamSession session, String code) {
        return commissions.byCode(session.id, code)
                .orElseThrow(() -> ProblemException.notFound("No commission " + code + " in this session"));
    }

    private static CommissionView view(Commission c, Map<UUID, String> numbers) {
        return new CommissionView(c.code, c.epreuve, c.members.stream().sorted().toList(),
                c.candidates.stream().map(numbers::get).filter(java.util.Objects::nonNull).sorted().toList());
    }

    private void persist(ExamSession session, Person person, boolean president) {
        JuryMember m = new JuryMember();
        m.id = UUID.randomUUID();
        m.sessionId = session.id;
        m.account = person.account();
        m.name = person.name();
        m.qualite = person.qualite();
        m.president = president;
        members.persist(m);
    }

    private static Person person(JuryMember m) {
        return new Person(m.account, m.name, m.qualite);
    }

    static void requireNotSealed(ExamSession session) {
        if (session.status.sealed()) {
            throw ProblemException.conflict("The session is sealed; it is read-only");
        }
    }
}
