# jobpulse on Open Liberty. Build the WAR first:  mvn -DskipTests package
# then:  docker build -t jobpulse .   and
#   docker run -p 9080:9080 -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=https://sso.example.com/.../certs \
#     -e MP_JWT_VERIFY_ISSUER=https://sso.example.com/... -e MP_JWT_VERIFY_AUDIENCES=jobpulse jobpulse
# Everything is configured by environment variables (docs/deploy.md). The image is secured: without
# a usable key, issuer and audiences the application refuses to start (docs/security.md); it never
# sets JOBPULSE_SECURITY_MODE=open.

# Pinned to an exact Open Liberty release on Java 17; bump deliberately with liberty.runtime.version.
FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi-minimal

# Server configuration first: features.sh installs the features it names at build time, and this
# layer stays cached while only the application changes. It reads the configuration with JMS ingest
# and Liberty batch events on (jobpulse.xml then includes jms-on.xml, batch-events-true.xml and with
# them messaging.xml), so the image has their features and JOBPULSE_JMS=on and
# JOBPULSE_BATCH_EVENTS=true work at run time; off (the default), none of them is loaded.
COPY --chown=1001:0 liberty-config/ /config/
RUN JOBPULSE_JMS=on BATCH_EVENTS_CONFIG=batch-events-true.xml features.sh
# The JMS listener's feature: jms-listener-on.xml is included only when JOBPULSE_JMS_LISTENER=on at
# run time, so features.sh does not see it; installed here, it is there when the variable is set.
RUN featureUtility installFeature messagingSecurity-3.0

# JDBC drivers of the jobpulse data source (H2 for the embedded default, PostgreSQL for a cluster)
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/ /opt/ol/wlp/usr/shared/resources/jdbc/
COPY --chown=1001:0 target/jobpulse.war /config/apps/jobpulse.war
# Pre-warms the server (shared class cache) so containers start fast, with the default configuration.
# Then the optional files get a newer time than that start: Liberty re-reads the feature list at a
# warm start only when an included file is newer than the last start, so a container started with
# JOBPULSE_JMS=on or JOBPULSE_BATCH_EVENTS=true loads their features instead of the pre-warmed set.
RUN configure.sh && touch /config/jms-on.xml /config/messaging.xml /config/batch-events-true.xml /config/jms-listener-on.xml

USER 1001
# Reachable through the container's published ports (the server's own default is loopback only).
ENV HTTP_HOST=*
EXPOSE 9080 9443

# Readiness over plain bash (no curl in the minimal image): 200 from /health/ready.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT:-9080} && printf "GET /health/ready HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
