package fr.bts.commons.problem;

import io.quarkus.runtime.Quarkus;

/**
 * What each service's {@code @QuarkusMain} calls. Quarkus checks every request target with {@link java.net.URI}
 * before any route and answers a bodiless 400 when it fails ({@code %zz}); that check is read once, from the
 * system property {@value #DISABLE_URI_VALIDATION}, when Quarkus' HTTP classes load. Setting it here, before
 * Quarkus starts, leaves the check to {@link VertxProblemHandlers}, which makes it too and answers a problem.
 * Tests set the same property in the build (surefire {@code systemPropertyVariables}).
 */
public final class ServiceMain {

    public static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    private ServiceMain() {
    }

    public static void run(String... args) {
        System.setProperty(DISABLE_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
