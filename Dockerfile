# syntax=docker/dockerfile:1
# Multi-stage build: compile with the Maven wrapper, then run the layered jar as a non-root user on a JRE.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY graphql-schema/ graphql-schema/
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests \
	&& java -Djarmode=tools -jar target/egov-dashboard-*.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
RUN groupadd --system egov && useradd --system --gid egov --home-dir /app egov
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER egov
EXPOSE 8080
ENV SERVER_PORT=8080 \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Ready = the database is reachable and the demo data is loaded. Plain bash: the JRE image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
