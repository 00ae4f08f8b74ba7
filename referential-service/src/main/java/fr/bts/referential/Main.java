package fr.bts.referential;

import fr.bts.commons.problem.ServiceMain;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the service; see {@link ServiceMain} for the one setting made before Quarkus starts. */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        ServiceMain.run(args);
    }
}
