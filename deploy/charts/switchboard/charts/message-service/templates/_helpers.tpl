{{/* message-service's own environment. */}}
{{- define "message-service.env" -}}
{{- include "switchboard.common.env.redis" . }}
- name: SPRING_KAFKA_LISTENER_CONCURRENCY
  value: {{ .Values.listenerConcurrency | quote }}
{{- end -}}
