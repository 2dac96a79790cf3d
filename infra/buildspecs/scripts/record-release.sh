#!/usr/bin/env bash
# ReleaseQA / ReleaseProd: runs after the environment's ECS deploy action succeeded.
# 1. First release: while the image tag was 'bootstrap' the service runs 0 tasks, and the ECS deploy action only
#    changes the task definition, so start the configured number of tasks here.
# 2. Wait until the service is stable, at most WAIT_MINUTES (default 10; the CLI's waiter polls every 15 s for 10
#    minutes, so it runs once per started 10 minutes). A blue/green release is stable only after its bake time.
# 3. Check that the service's task definition runs the shipped tag in its container (CONTAINER_NAME, default web).
# 4. Only then record the shipped tag in the environment's image-tag parameter, so a later `cdk deploy` uses it;
#    a deploy that failed never gets here, and one rolled back (circuit breaker, or in blue/green the smoke test
#    hook before the switch or the deployment alarms during the bake) fails step 3 saying so, so its tag is never
#    recorded.
#
# Environment: CLUSTER_NAME, SERVICE_NAME, DESIRED_COUNT (the configured count), IMAGE_TAG_PARAMETER,
#              CONTAINER_NAME (default web), WAIT_MINUTES (default 10) (project);
#              IMAGE_TAG (action: the tag BuildImageQA exported).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

require_env CLUSTER_NAME SERVICE_NAME DESIRED_COUNT IMAGE_TAG_PARAMETER IMAGE_TAG
[[ "$IMAGE_TAG" =~ ^[0-9a-f]{8}$ ]] || fail "IMAGE_TAG '$IMAGE_TAG' is not an image tag (8 characters of a commit id)"
[[ "$DESIRED_COUNT" =~ ^[1-9][0-9]*$ ]] || fail "DESIRED_COUNT '$DESIRED_COUNT' is not a positive number of tasks"
container="${CONTAINER_NAME:-web}"
wait_minutes="${WAIT_MINUTES:-10}"
[[ "$wait_minutes" =~ ^[1-9][0-9]*$ ]] || fail "WAIT_MINUTES '$wait_minutes' is not a positive number of minutes"

running="$(aws ecs describe-services --cluster "$CLUSTER_NAME" --services "$SERVICE_NAME" \
  --query 'services[0].desiredCount' --output text)"
case "$running" in
  0)
    echo "first release: $SERVICE_NAME runs 0 tasks (image tag was bootstrap), starting $DESIRED_COUNT"
    aws ecs update-service --cluster "$CLUSTER_NAME" --service "$SERVICE_NAME" \
      --desired-count "$DESIRED_COUNT" > /dev/null ;;
  '' | *[!0-9]*) fail "service $SERVICE_NAME not found in cluster $CLUSTER_NAME (describe-services: '$running')" ;;
  *) echo "$SERVICE_NAME runs $running tasks: desired count left alone" ;;
esac

rounds=$(( (wait_minutes + 9) / 10 ))
until aws ecs wait services-stable --cluster "$CLUSTER_NAME" --services "$SERVICE_NAME"; do
  rounds=$(( rounds - 1 ))
  (( rounds > 0 )) \
    || fail "$SERVICE_NAME did not become stable within $wait_minutes minutes: image tag $IMAGE_TAG not recorded"
done

# Stable is not enough: after a rollback the service is stable on the previous image. Record the tag only when the
# service's task definition runs it in the container the deploy action updated.
task_definition="$(aws ecs describe-services --cluster "$CLUSTER_NAME" --services "$SERVICE_NAME" \
  --query 'services[0].taskDefinition' --output text)"
image="$(aws ecs describe-task-definition --task-definition "$task_definition" \
  --query "taskDefinition.containerDefinitions[?name=='$container'].image | [0]" --output text)"
[[ "$image" == *":$IMAGE_TAG" ]] \
  || fail "ROLLED BACK: $SERVICE_NAME is stable but runs '$image' in container $container ($task_definition), not the tag $IMAGE_TAG: the deployment was rolled back (circuit breaker, the smoke test hook before the switch, or a deployment alarm during the bake; the service's events say which); image tag not recorded"
record_image_tag "$IMAGE_TAG_PARAMETER" "$IMAGE_TAG"
echo "not rolled back: $SERVICE_NAME is stable and serves $IMAGE_TAG; $IMAGE_TAG_PARAMETER = $IMAGE_TAG"
