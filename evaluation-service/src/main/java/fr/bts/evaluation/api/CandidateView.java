package fr.bts.evaluation.api;

import fr.bts.evaluation.model.SessionCandidate;

import java.util.List;

/** A candidate of a session as jury apps and rectorats list them (no result, no grade). */
public record CandidateView(String candidate, String lastName, String firstName, String categorie, String voie, String forme,
                            List<String> epreuves) {
    public static CandidateView of(SessionCandidate c) {
        return new CandidateView(c.candidateNumber, c.lastName, c.firstName, c.categorie, c.voie, c.forme, c.epreuves);
    }
}
