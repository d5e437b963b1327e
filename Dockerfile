# syntax=docker/dockerfile:1
# Multi-stage build: compile with the Maven wrapper, then run the extracted jar as a non-root user on a Java 25 JRE,
# with an AOT cache made at build time (Spring Boot's documented set-up; JEPs 483, 514, 515). The code is compiled
# for Java 17 and runs on either; on 25 the cache starts the server in less time than class-data sharing on 17.
# On a 2-core machine with the demo data loaded: 4.4-5.0 s with this image's cache, trained without a database;
# 3.7-4.4 s with one trained against it (bench/graphql/run.sh); 5.0-5.8 s with class-data sharing on 17.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY graphql-schema/ graphql-schema/
COPY src/ src/
# application.jar plus lib/, split into layers; the jar's manifest puts lib/ on the class path (the AOT cache holds
# classes from plain jars on the class path, not from nested ones).
RUN ./mvnw -B -q package -DskipTests \
	&& java -Djarmode=tools -jar target/egov-dashboard-*.jar extract --layers --application-filename application.jar \
		--destination /layers

FROM eclipse-temurin:25-jre
RUN groupadd --system egov && useradd --system --gid egov --home-dir /app egov
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layers.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# On Java 24+, Netty 4.2 stops using sun.misc.Unsafe unless it is allowed (netty/netty#14943), and its buffers get
# slower: a year's traffic series cost the server 1.04-1.18 ms of CPU per request without it, 0.64 ms with it.
# JDK_JAVA_OPTIONS applies to every java started in the image, the training run below included.
# The parallel collector: for a server whose live data is small and whose garbage is per-request, it spent less CPU
# than G1 (the JVM's choice from 2 processors): 5-7 % less server CPU per request and 5-10 % more requests per second
# on one agency and on the polls (bench/graphql/pair.sh, BENCHMARKS.md), with young pauses of ~4 ms against G1's ~5.
ENV SERVER_PORT=8080 \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC" \
	JDK_JAVA_OPTIONS="--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
# AOT cache training run: start up to a refreshed context and exit; the JVM writes the classes it loaded, already
# linked, and every start maps them instead of loading, verifying and linking them again. The cache also holds the
# training run's method profiles, which the start does not replay (-XX:-AOTReplayTraining): they come from a start
# that served no request, and with them the server answered 5-10 % fewer requests per second after minutes of load
# (BENCHMARKS.md), while the start took as long.
# The build has no database, so the run skips Flyway and the demo data (their classes load at run time as before).
# Rebuilt with the image, so it always matches the jars.
RUN java -XX:AOTCacheOutput=application.aot -Dspring.context.exit=onRefresh -jar application.jar \
		--spring.flyway.enabled=false --egov.demo-data.enabled=false
USER egov
EXPOSE 8080
# Ready = the database is reachable and the demo data is loaded. Plain bash: the JRE image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:AOTCache=application.aot", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining", \
	"-jar", "application.jar"]
