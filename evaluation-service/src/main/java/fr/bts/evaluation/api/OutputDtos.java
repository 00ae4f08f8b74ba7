package fr.bts.evaluation.api;

import fr.bts.evaluation.deliberation.Delivrance;
import fr.bts.evaluation.deliberation.ResultatCandidat;

import java.util.List;
import java.util.UUID;

/** Answer shapes of a sealed deliberation's outputs: the transcript (relevé de notes) and the bloc attestations. */
public final class OutputDtos {

    private OutputDtos() {
    }

    public record Transcript(UUID session, String academie, String certification, int referentialVersion, int year,
                             int revision, String candidate, String lastName, String firstName, String voie, String forme,
                             ResultatCandidat result) {
    }

    public record Attestation(String bloc, List<String> unites, Delivrance delivrance, boolean delivree) {
    }
}
