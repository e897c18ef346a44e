#!/usr/bin/env bash
# Regenerates the vendored schemas under k8s/vendor/ from artifacts on Maven Central (Java 17+,
# Maven). The output is committed; tests read only the committed files and need no Java.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
vendor="$(dirname "$here")"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cd "$here"
export MAVEN_ARGS="-B -Dstyle.color=never"
strimzi=$(mvn -q help:evaluate -Dexpression=strimzi.version -DforceStdout | tr -d "\033" | sed "s/\[[0-9;]*m//g")
k8sclient=$(mvn -q help:evaluate -Dexpression=k8s.client.version -DforceStdout | tr -d "\033" | sed "s/\[[0-9;]*m//g")

# Kubernetes: strict JSON Schema from the official Java client's generated models.
mvn -q -Pkubernetes dependency:build-classpath -Dmdep.outputFile="$tmp/cp-k8s"
mkdir -p "$vendor/kubernetes"
java -cp "$(cat "$tmp/cp-k8s")" K8sSchema.java "$vendor/kubernetes/definitions.json" \
  "io.kubernetes:client-java-api:$k8sclient (Kubernetes v1.32 OpenAPI)"

# Strimzi: the CRDs exactly as Strimzi's own CrdGenerator writes them from the io.strimzi:api model.
mvn -q -Pstrimzi dependency:build-classpath -Dmdep.outputFile="$tmp/cp-strimzi"
mkdir -p "$vendor/strimzi"
java -cp "$(cat "$tmp/cp-strimzi")" io.strimzi.crdgenerator.CrdGenerator \
  --label app:strimzi --target-kube 1.16+ --crd-api-version v1 \
  --api-versions v1beta2 --storage-version v1beta2 --yaml \
  io.strimzi.api.kafka.model.kafka.Kafka="$vendor/strimzi/040-Crd-kafka.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$vendor/strimzi/04A-Crd-kafkanodepool.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$vendor/strimzi/043-Crd-kafkatopic.yaml" 2>/dev/null
printf 'io.strimzi:api:%s\n' "$strimzi" > "$vendor/strimzi/VERSION"
echo "vendored Kubernetes (client-java-api $k8sclient) and Strimzi $strimzi schemas into $vendor"
