package fr.bts.evaluation.service;

import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.evaluation.api.CandidateView;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionCandidate;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Lists a session's candidates: the rectorat and the session's president see all of them, a jury member only
 * the candidates assigned to one of their commissions (the list filter is the authorization rule).
 */
@ApplicationScoped
public class CandidateService {

    @Inject
    Access access;

    @Transactional
    public Page<CandidateView> list(UUID sessionId, PageRequest page) {
        ExamSession session = access.session(sessionId);
        io.quarkus.hibernate.orm.panache.PanacheQuery<SessionCandidate> query;
        if (access.seesWholeSession(session)) {
            query = SessionCandidate.find("sessionId = :session order by candidateNumber", Parameters.with("session", session.id));
        } else {
            query = SessionCandidate.find("sessionId = :session and id in (select k from Commission c join c.members m join c.candidates k "
                            + "where c.sessionId = :session and m = :account) order by candidateNumber",
                    Parameters.with("session", session.id).and("account", access.username()));
        }
        long total = query.count();
        return Page.of(page, total, query.page(page.page(), page.size()).list().stream().map(CandidateView::of).toList());
    }
}
