package fr.bts.dossier.conformity;

/**
 * What a failed rule entails: {@code NON_CONFORME} fails the dossier; {@code PENALITE} only flags it for the
 * commission (GPME E4: « seront pénalisés dans les limites prévues par la grille », domain-brief R14).
 */
public enum Consequence {
    NON_CONFORME,
    PENALITE
}
