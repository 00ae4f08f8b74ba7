package fr.bts.dossier.model;

/**
 * Professional dossier workflow: DRAFT → SUBMITTED (by the candidate, before the campaign's deadline) →
 * CONFORME or NON_CONFORME (rectorat's conformity decision). ABSENT is never stored: it is how every read and the
 * snapshot show a dossier still in DRAFT past the deadline (fr.bts.dossier.service.DossierStanding; domain-brief
 * R13: no dossier ⇒ NV when the épreuve says so).
 */
public enum StatutDossier {
    DRAFT,
    SUBMITTED,
    CONFORME,
    NON_CONFORME,
    ABSENT
}
