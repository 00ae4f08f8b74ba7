package fr.bts.evaluation.deliberation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the jury knows of one candidate when it deliberates: the registration (voie, forme, facultative
 * épreuves) and, per épreuve code, what was recorded — a mark, CCF situation marks, a status, a kept mark
 * (bénéfice), a dispense — plus the president's adjustments.
 *
 * @param voie               access route (VoieAcces of the version: FORMATION_CONTINUE and EXPERIENCE_VAE get
 *                           automatic attestations, R6)
 * @param epreuvesInscrites  épreuves the candidate sits or holds at this session (compulsory and facultative);
 *                           a compulsory épreuve of the version that is not here and has no evaluation is
 *                           « not yet taken » (forme progressive)
 * @param evaluations        épreuve code → what was recorded
 * @param adjustments        épreuve code → the president's adjustment of the mark
 */
public record DossierCandidat(String candidat, String voie, FormeInscription forme, Set<String> epreuvesInscrites,
                              Map<String, Evaluation> evaluations, Map<String, Adjustment> adjustments) {

    public static final Set<String> VOIES_ATTESTATION_AUTOMATIQUE = Set.of("FORMATION_CONTINUE", "EXPERIENCE_VAE");

    public DossierCandidat {
        epreuvesInscrites = Set.copyOf(epreuvesInscrites);
        evaluations = Map.copyOf(evaluations);
        adjustments = adjustments == null ? Map.of() : Map.copyOf(adjustments);
    }

    /**
     * One recorded evaluation. {@code note} is on the épreuve's scale for {@code NOTE}, the kept mark /20 for
     * {@code BENEFICE}; {@code situations} are CCF situation marks (code → points) when the épreuve is marked
     * by situations; both absent for the other statuses.
     */
    public record Evaluation(StatutNote statut, BigDecimal note, Map<String, BigDecimal> situations) {
        public Evaluation {
            situations = situations == null ? Map.of() : Map.copyOf(situations);
        }

        public static Evaluation note(String note) {
            return new Evaluation(StatutNote.NOTE, new BigDecimal(note), Map.of());
        }

        public static Evaluation statut(StatutNote statut) {
            return new Evaluation(statut, null, Map.of());
        }
    }

    /** The president's adjustment of one mark (/20) during deliberation, with its reason. */
    public record Adjustment(BigDecimal note, String motif, String auteur) {
    }

    public static List<String> sorted(Set<String> codes) {
        return codes.stream().sorted().toList();
    }
}
