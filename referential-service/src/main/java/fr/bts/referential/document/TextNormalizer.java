package fr.bts.referential.document;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The accent- and case-free form of French text that search compares: « Réclamations » and « reclamations »
 * normalise alike, as do typographic and straight apostrophes, ligatures and runs of spaces.
 */
public final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replace('’', '\'').replace('‘', '\'').replace("œ", "oe").replace("Œ", "OE")
                .replace("æ", "ae").replace("Æ", "AE").replace('\u00a0', ' ').replace('\u202f', ' ');
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }
}
