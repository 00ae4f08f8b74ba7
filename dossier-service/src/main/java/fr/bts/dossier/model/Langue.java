package fr.bts.dossier.model;

/** The languages of SAM's règlement d'examen (domain-brief §3.7 fn. 1); which ones a version allows is data of the referential. */
public enum Langue {
    ANGLAIS,
    ALLEMAND,
    ARABE,
    CHINOIS,
    ESPAGNOL,
    ITALIEN,
    PORTUGAIS,
    RUSSE,
    JAPONAIS,
    HEBREU
}
