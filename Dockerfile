# The image the pipeline builds with `docker build .` (CodeBuild), for ECS Fargate: port 3000, non-root.
# Base images come from ECR Public's mirror of the Docker official images: the same eclipse-temurin images,
# without Docker Hub's anonymous pull limit that CodeBuild's shared addresses run into.

FROM public.ecr.aws/docker/library/eclipse-temurin:25-jdk AS build
WORKDIR /src
# Poms first: the dependency download is a layer of its own, reused while only sources change.
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY app/pom.xml app/pom.xml
COPY infra/pom.xml infra/pom.xml
RUN ./mvnw -B -q -pl app dependency:go-offline
COPY app/src app/src
# mdep.skip: the S3Mock jar is for the tests only.
RUN ./mvnw -B -pl app -am package -DskipTests -Dmdep.skip=true \
    && cp app/target/myamazingapp.jar /myamazingapp.jar

FROM public.ecr.aws/docker/library/eclipse-temurin:25-jre
RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/.data \
    && chown -R app:app /app
WORKDIR /app
COPY --from=build --chown=root:root /myamazingapp.jar /app/myamazingapp.jar
# The commit the image was built from (the pipeline passes it; the build has no .git), shown by /actuator/info.
ARG APP_COMMIT=unknown
ENV APP_COMMIT=${APP_COMMIT} \
    PORT=3000 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER app
EXPOSE 3000
# The same start command as scripts/big-upload.sh and the README: java $JAVA_OPTS -jar <jar>.
CMD ["sh", "-c", "exec java $JAVA_OPTS -jar /app/myamazingapp.jar"]
