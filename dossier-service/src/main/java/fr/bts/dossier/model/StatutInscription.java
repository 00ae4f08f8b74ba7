package fr.bts.dossier.model;

/** Registration workflow: DRAFT → SUBMITTED → VALIDATED or REJECTED (rectorat, with a reason). */
public enum StatutInscription {
    DRAFT,
    SUBMITTED,
    VALIDATED,
    REJECTED
}
