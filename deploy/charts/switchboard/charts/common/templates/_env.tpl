{{/*
Environment of every service: the JVM, the ports, the configuration file, and Kafka
(every service declares the topics it uses, so all of them get the same topic settings).
*/}}
{{- define "switchboard.common.env.base" -}}
{{- $global := (.Values.global | default dict) -}}
{{- $kafka := ($global.kafka | default dict) -}}
{{- $topics := ($kafka.topics | default dict) -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
- name: SERVER_PORT
  value: {{ .Values.containerPorts.http | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ .Values.containerPorts.management | quote }}
# Why a pod is not ready, for operators (the management port is not public).
- name: MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS
  value: "always"
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: "optional:file:/config/"
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "global.kafka.bootstrapServers is required" $kafka.bootstrapServers | quote }}
{{- with $topics.partitions }}
- name: SWITCHBOARD_KAFKA_TOPICS_PARTITIONS
  value: {{ . | quote }}
{{- end }}
{{- with $topics.replicationFactor }}
- name: SWITCHBOARD_KAFKA_TOPICS_REPLICATION_FACTOR
  value: {{ . | quote }}
{{- end }}
{{- with $topics.minInSyncReplicas }}
- name: SWITCHBOARD_KAFKA_TOPICS_MIN_IN_SYNC_REPLICAS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Redis: the URL as a value, or from a secret when it carries a password. */}}
{{- define "switchboard.common.env.redis" -}}
{{- $redis := ((.Values.global | default dict).redis | default dict) -}}
- name: SPRING_DATA_REDIS_URL
{{- if $redis.existingSecret }}
  valueFrom:
    secretKeyRef:
      name: {{ $redis.existingSecret }}
      key: {{ $redis.existingSecretUrlKey | default "redis-url" }}
{{- else }}
  value: {{ required "global.redis.url (or global.redis.existingSecret) is required" $redis.url | quote }}
{{- end }}
{{- end -}}

{{/* The name of the secret that holds the PostgreSQL password. */}}
{{- define "switchboard.common.postgresql.secretName" -}}
{{- $postgresql := ((.Values.global | default dict).postgresql | default dict) -}}
{{- if $postgresql.existingSecret -}}
{{- $postgresql.existingSecret -}}
{{- else -}}
{{- printf "%s-switchboard-postgresql" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* PostgreSQL: URL and user as values, the password from a secret. */}}
{{- define "switchboard.common.env.postgresql" -}}
{{- $postgresql := ((.Values.global | default dict).postgresql | default dict) -}}
- name: SPRING_DATASOURCE_URL
  value: {{ required "global.postgresql.url is required" $postgresql.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ required "global.postgresql.username is required" $postgresql.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "switchboard.common.postgresql.secretName" . }}
      key: {{ $postgresql.existingSecretPasswordKey | default "password" }}
{{- end -}}

{{/* The URL of auth-service's token introspection, for the services that check tokens. */}}
{{- define "switchboard.common.env.introspection" -}}
- name: SWITCHBOARD_AUTH_CLIENT_INTROSPECTION_URI
  value: {{ printf "%s/internal/auth/introspect" (include "switchboard.common.urls.auth" .) | quote }}
{{- end -}}

{{/* auth-service's URL inside the cluster (or global.services.authUrl). */}}
{{- define "switchboard.common.urls.auth" -}}
{{- $services := ((.Values.global | default dict).services | default dict) -}}
{{- $services.authUrl | default (printf "http://%s:8081" (include "switchboard.common.names.sibling" (dict "service" "auth-service" "context" .))) -}}
{{- end -}}

{{/* history-service's URL inside the cluster (or global.services.historyUrl). */}}
{{- define "switchboard.common.urls.history" -}}
{{- $services := ((.Values.global | default dict).services | default dict) -}}
{{- $services.historyUrl | default (printf "http://%s:8083" (include "switchboard.common.names.sibling" (dict "service" "history-service" "context" .))) -}}
{{- end -}}
