# Build the WAR first: mvn -DskipTests package
# The usual Open Liberty image pattern: configuration and application in /config, then the
# image's scripts install the features server.xml names and pre-warm the server.
FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi-minimal

COPY --chown=1001:0 liberty-config/ /config/
RUN features.sh

# JDBC drivers of the jobpulse data source (H2 for the embedded default, PostgreSQL for a cluster)
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/jdbc/ /opt/ol/wlp/usr/shared/resources/jdbc/
COPY --chown=1001:0 target/jobpulse.war /config/apps/jobpulse.war
RUN configure.sh

USER 1001
EXPOSE 9080 9443
