package fr.bts.commons.json;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on every JSON document a service reads (README, configuration table). */
@ConfigMapping(prefix = "bts.json")
public interface JsonLimits {

    /** Deepest nesting of arrays and objects; our documents need fewer than 12 levels. */
    @WithDefault("64")
    int maxNestingDepth();

    /** Longest string value, in characters (a 1 MB string is refused; the longest texts are a few thousand). */
    @WithDefault("100000")
    int maxStringLength();

    /** Longest number literal, in characters. */
    @WithDefault("40")
    int maxNumberLength();

    /** Largest magnitude a decimal number may have (marks, coefficients, points all stay far below). */
    @WithDefault("1000000000000")
    java.math.BigDecimal maxMagnitude();

    /** Most digits after the decimal point a decimal number may have. */
    @WithDefault("6")
    int maxScale();
}
