package io.jobpulse.it;

import io.jobpulse.testsupport.FireResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The archive every IT deploys: the product WAR as built, plus the test-support package. */
public final class TestApp {

    public static final String NAME = "jobpulse-it";

    private TestApp() {
    }

    public static WebArchive war() {
        File built = new File(System.getProperty("app.war", "target/jobpulse.war"));
        return ShrinkWrap.create(ZipImporter.class, NAME + ".war")
                .importFrom(built)
                .as(WebArchive.class)
                .addPackage(FireResource.class.getPackage());
    }
}
