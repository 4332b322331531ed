# Builds the ripeness jar and runs it. Used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/launcher/target/ripeness.jar /app/ripeness.jar
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx1g", "-jar", "/app/ripeness.jar"]
