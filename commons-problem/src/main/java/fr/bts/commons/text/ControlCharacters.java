package fr.bts.commons.text;

/**
 * The one rule for characters a text value may carry at the API boundary (issue 11): no control character
 * except TAB and LF (text blocks), no DEL, no C1 control, no unpaired surrogate. A NUL that got through used to be
 * stored, then broke PostgreSQL writes and MongoDB keys much later; a bare CR split CSV rows. JSON bodies
 * ({@code fr.bts.commons.json.StrictJson}), CSV imports, path and query parameters
 * ({@code fr.bts.commons.http.RequestTargetGuard}) all call this class, so the rule is written once.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The index of the first character of {@code text} the rule refuses, or -1 when every one is accepted. */
    public static int firstRefused(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n') {
                    return i;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean accepted(CharSequence text) {
        return firstRefused(text) < 0;
    }

    /** How the refused character at {@code index} reads in an error message: {@code U+0000 at position 3}. */
    public static String describe(CharSequence text, int index) {
        return String.format("U+%04X at position %d", (int) text.charAt(index), index + 1);
    }
}
