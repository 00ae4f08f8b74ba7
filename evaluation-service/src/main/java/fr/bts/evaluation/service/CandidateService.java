package fr.bts.evaluation.service;

import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.evaluation.api.CandidateView;
import fr.bts.evaluation.model.SessionCandidate;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Lists a session's candidates: those the caller sees ({@link Access#visibleCandidates}, the list filter is the
 * authorization rule).
 */
@ApplicationScoped
public class CandidateService {

    @Inject
    Access access;

    @Transactional
    public Page<CandidateView> list(UUID sessionId, PageRequest page) {
        PanacheQuery<SessionCandidate> query = access.visibleCandidates(access.session(sessionId));
        long total = query.count();
        return Page.of(page, total, query.page(page.page(), page.size()).list().stream().map(CandidateView::of).toList());
    }
}
