package fr.bts.evaluation.service;

import fr.bts.evaluation.api.DeliberationDtos.CandidateResult;
import fr.bts.evaluation.api.DeliberationDtos.Preview;
import fr.bts.evaluation.deliberation.Decision;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.repository.DossierRows.CandidateDossier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One page of a deliberation preview, gathered as the candidates are decided: every decision is counted, and of the
 * candidates that pass the filter only the dossiers of those up to the end of the page, by candidate number, are kept.
 * Only the page's candidates are then deliberated in full, with their lines: a preview holds and explains one page of
 * results, not the whole session's (which would only be thrown away after the page is cut).
 */
final class DeliberationPreview {

    static final Comparator<CandidateResult> BY_NUMBER = (a, b) -> a.candidate().compareTo(b.candidate());
    private static final Comparator<CandidateDossier> DOSSIER_BY_NUMBER = (a, b) -> a.candidateNumber().compareTo(b.candidateNumber());

    private final int page;
    private final int size;
    private final String decision;
    /** How many of the filtered candidates, in number order, reach the end of the page. */
    private final long keep;
    /** The kept ones, the highest candidate number at the head: the one to drop when a lower one comes. */
    private final PriorityQueue<CandidateDossier> kept;
    private final Map<String, Long> decisions = new TreeMap<>();
    private int candidates;
    private int matching;

    DeliberationPreview(int page, int size, String decision) {
        this.page = page;
        this.size = size;
        this.decision = decision;
        this.keep = (long) page * size + size;
        this.kept = new PriorityQueue<>((int) Math.min(keep, 256) + 1, DOSSIER_BY_NUMBER.reversed());
    }

    /** One candidate with the decision the engine takes for them. */
    void add(CandidateDossier dossier, Decision taken) {
        candidates++;
        String name = taken.name();
        decisions.merge(name, 1L, Long::sum);
        if (decision != null && !name.equals(decision)) {
            return;
        }
        matching++;
        if (kept.size() < keep) {
            kept.add(dossier);
        } else if (keep > 0 && DOSSIER_BY_NUMBER.compare(dossier, kept.peek()) < 0) {
            kept.poll();
            kept.add(dossier);
        }
    }

    /** The page, each of its candidates deliberated in full by {@code deliberate}. */
    Preview preview(ExamSession session, Function<CandidateDossier, CandidateResult> deliberate) {
        List<CandidateDossier> first = new ArrayList<>(kept);
        first.sort(DOSSIER_BY_NUMBER);
        int from = (int) Math.min((long) page * size, matching);
        int to = (int) Math.min((long) from + size, matching);
        List<CandidateResult> results = first.subList(from, to).stream().map(deliberate).toList();
        return new Preview(session.currentRevision, session.status.name(), candidates, decisions, page, size, results);
    }
}
