package fr.bts.referential.document;

/** Forms of evaluation seen in the sources (domain brief §1.4); CCF carries its number of situations apart. */
public enum FormeEvaluation {
    PONCTUELLE_ECRITE, PONCTUELLE_ORALE, PONCTUELLE_ECRITE_ET_ORALE, PONCTUELLE_ORALE_ET_PRATIQUE, CCF
}
