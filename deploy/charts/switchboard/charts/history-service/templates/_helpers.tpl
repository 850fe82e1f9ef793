{{/* history-service's own environment. */}}
{{- define "history-service.env" -}}
{{- include "switchboard.common.env.postgresql" . }}
{{ include "switchboard.common.env.redis" . }}
{{ include "switchboard.common.env.introspection" . }}
- name: SPRING_KAFKA_LISTENER_CONCURRENCY
  value: {{ .Values.listenerConcurrency | quote }}
{{- end -}}
