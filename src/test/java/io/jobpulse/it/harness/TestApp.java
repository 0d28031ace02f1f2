package io.jobpulse.it.harness;

import io.jobpulse.testsupport.FireResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.util.Map;

/** The archive every IT deploys: the product WAR as built, plus the test-support package. */
public final class TestApp {

    public static final String NAME = "jobpulse-it";

    private TestApp() {
    }

    public static WebArchive war() {
        return war(NAME, Map.of());
    }

    /**
     * The archive with MicroProfile Config settings of its own (e.g. short timeouts), deployed under
     * {@code name} so its context root differs from other test classes'.
     */
    public static WebArchive war(String name, Map<String, String> config) {
        File built = new File(System.getProperty("app.war", "target/jobpulse.war"));
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name + ".war")
                .importFrom(built)
                .as(WebArchive.class)
                .addPackage(FireResource.class.getPackage());
        if (!config.isEmpty()) {
            StringBuilder properties = new StringBuilder();
            config.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
            war.addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
        }
        return war;
    }
}
