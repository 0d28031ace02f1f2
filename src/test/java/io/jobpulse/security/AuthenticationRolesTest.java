package io.jobpulse.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AuthenticationRolesTest {

    @RolesAllowed("job-admin")
    static class AdminResource {
        public void inherited() {
        }

        @RolesAllowed("job-publisher")
        public void own() {
        }

        @PermitAll
        public void open() {
        }
    }

    static class PlainResource {
        public void any() {
        }
    }

    @Test
    void aClassLevelAnnotationAppliesToMethodsWithoutTheirOwn() throws Exception {
        assertArrayEquals(new String[] {"job-admin"},
                Authentication.rolesAllowed(AdminResource.class.getMethod("inherited"), AdminResource.class).value());
    }

    @Test
    void aMethodsOwnAnnotationWinsAndPermitAllLiftsTheClassRule() throws Exception {
        assertArrayEquals(new String[] {"job-publisher"},
                Authentication.rolesAllowed(AdminResource.class.getMethod("own"), AdminResource.class).value());
        assertNull(Authentication.rolesAllowed(AdminResource.class.getMethod("open"), AdminResource.class));
        assertNull(Authentication.rolesAllowed(PlainResource.class.getMethod("any"), PlainResource.class));
    }
}
