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
    && chown -R app:app /app/.data
WORKDIR /app
# The JVM sizing for a 1 GiB Fargate task (docs/performance.md explains each flag): heap and non-heap together stay
# under 80 % of the task's memory at peak. Set before the training run: the AOT cache is used only by a JVM started
# with compatible options (the same GC among them).
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=30 -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=96m \
-XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError"
COPY --chown=root:root scripts/image.sh /usr/local/lib/image.sh
COPY --from=build --chown=root:root /myamazingapp.jar /tmp/myamazingapp.jar
# Extracted (the AOT cache needs plain jars), then a training run records into app.aot the classes a whole start
# loads and the profiles of its hot methods: a task maps them instead of loading them (docs/performance.md). The
# training start migrates a throwaway PostgreSQL, installed for that run only and removed in the same layer (the
# distribution's server; no cluster of its own: image.sh makes one in a temporary folder). No AWS call is made.
RUN sh /usr/local/lib/image.sh extract /tmp/myamazingapp.jar /app \
    && rm /tmp/myamazingapp.jar \
    && mkdir -p /etc/postgresql-common/createcluster.d \
    && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/image-training.conf \
    && apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql \
    && sh /usr/local/lib/image.sh train /app \
    && DEBIAN_FRONTEND=noninteractive apt-get purge -y --auto-remove postgresql postgresql-common \
    && rm -rf /var/lib/apt/lists/* /etc/postgresql-common /etc/postgresql /var/lib/postgresql \
    && (userdel postgres || true) \
    && chown -R app:app /app/.data
# The commit the image was built from (the pipeline passes it; the build has no .git), shown by /actuator/info.
ARG APP_COMMIT=unknown
ENV APP_COMMIT=${APP_COMMIT} \
    PORT=3000
USER app
EXPOSE 3000
# exec java $JAVA_OPTS -XX:AOTCache=app.aot -jar myamazingapp.jar, in /app; scripts/bench starts it the same way.
CMD ["sh", "/usr/local/lib/image.sh", "start", "/app"]
