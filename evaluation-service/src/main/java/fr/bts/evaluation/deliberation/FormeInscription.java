package fr.bts.evaluation.deliberation;

/** Forme globale or progressive of a registration (R11, [S002] Art. 7). */
public enum FormeInscription {
    GLOBALE, PROGRESSIVE
}
