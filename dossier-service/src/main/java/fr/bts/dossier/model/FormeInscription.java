package fr.bts.dossier.model;

/** Forme globale or progressive (domain-brief R11): in progressive form the candidate names the units of this session. */
public enum FormeInscription {
    GLOBALE,
    PROGRESSIVE
}
