package fr.bts.evaluation.repository;

import java.util.UUID;

/** A candidate and an épreuve that a jury member grades: they sit together on a commission of that épreuve. */
public record GradablePair(UUID candidateId, String epreuve) {
}
