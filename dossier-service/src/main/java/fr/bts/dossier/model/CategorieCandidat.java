package fr.bts.dossier.model;

/** The three columns of the règlement d'examen (domain-brief §1.3); the verbatim labels come from the referential version. */
public enum CategorieCandidat {
    CAT_A,
    CAT_B,
    CAT_C
}
