# syntax=docker/dockerfile:1
# Multi-stage build: compile with the Maven wrapper, then run the extracted jar as a non-root user on a JRE, with a
# class-data-sharing archive made at build time (Spring Boot's documented set-up: start-up takes about half the CPU).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY graphql-schema/ graphql-schema/
COPY src/ src/
# application.jar plus lib/, split into layers; the jar's manifest puts lib/ on the class path (CDS archives
# classes from plain jars on the class path, not from nested ones).
RUN ./mvnw -B -q package -DskipTests \
	&& java -Djarmode=tools -jar target/egov-dashboard-*.jar extract --layers --application-filename application.jar \
		--destination /layers

FROM eclipse-temurin:17-jre
RUN groupadd --system egov && useradd --system --gid egov --home-dir /app egov
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layers.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
ENV SERVER_PORT=8080 \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Class-data-sharing training run: start up to a refreshed context and exit; the JVM archives the classes it loaded,
# and every start maps them instead of loading, verifying and linking them again. The build has no database, so the
# run skips Flyway and the demo data (their classes load at run time as before). Rebuilt with the image, so it
# always matches the jars. On JDK 17, do not combine the archive with -XX:StartFlightRecording (the JVM crashes
# loading a shared class); start recordings with jcmd <pid> JFR.start instead.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh -jar application.jar \
		--spring.flyway.enabled=false --egov.demo-data.enabled=false
USER egov
EXPOSE 8080
# Ready = the database is reachable and the demo data is loaded. Plain bash: the JRE image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "-jar", "application.jar"]
