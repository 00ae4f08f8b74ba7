package fr.bts.evaluation.deliberation;

/**
 * How a bloc attestation is delivered (R6, [S000]): automatically to candidates from continuing education
 * or VAE, on request to the others.
 */
public enum Delivrance {
    AUTOMATIQUE, SUR_DEMANDE
}
