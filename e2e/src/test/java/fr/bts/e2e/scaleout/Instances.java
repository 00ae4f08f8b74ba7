package fr.bts.e2e.scaleout;

import java.util.Arrays;
import java.util.List;

/**
 * The direct addresses of every instance of each service when the stack runs several of them
 * ({@code SUITE_REPLICAS=2}): the scale-out tests talk to instance A and instance B on their own ports to prove
 * that they behave as one. Set by the scale-out run of {@code ./suite test} as comma-separated base URLs
 * ({@code -De2e.referential.instances=http://localhost:19081,http://localhost:19181}); a single instance otherwise.
 */
public final class Instances {

    private Instances() {
    }

    public static List<String> referential() {
        return of("referential", "http://localhost:8081");
    }

    public static List<String> dossier() {
        return of("dossier", "http://localhost:8082");
    }

    public static List<String> evaluation() {
        return of("evaluation", "http://localhost:8083");
    }

    private static List<String> of(String service, String fallback) {
        String single = System.getProperty("e2e." + service + ".url", fallback);
        String all = System.getProperty("e2e." + service + ".instances", single);
        return Arrays.stream(all.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
