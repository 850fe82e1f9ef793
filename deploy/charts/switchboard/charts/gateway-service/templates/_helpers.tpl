{{/* The headless Service that gives the StatefulSet's pods their identity. */}}
{{- define "gateway-service.headlessName" -}}
{{- printf "%s-headless" (include "switchboard.common.names.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
How many proxies in front append to X-Forwarded-For: as set, or the chart's own Ingress
(one ingress controller) if it is enabled, none otherwise.
*/}}
{{- define "gateway-service.trustedProxyHops" -}}
{{- if kindIs "invalid" .Values.trustedProxyHops -}}
{{- ternary 1 0 .Values.ingress.enabled -}}
{{- else -}}
{{- .Values.trustedProxyHops -}}
{{- end -}}
{{- end -}}

{{/*
gateway-service's own environment. The node id is the pod's name: stable across restarts,
so a restarted node takes back its topic gateway.<pod> and its static Kafka membership.
*/}}
{{- define "gateway-service.env" -}}
- name: SWITCHBOARD_GATEWAY_NODE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{ include "switchboard.common.env.redis" . }}
- name: SWITCHBOARD_GATEWAY_AUTH_URI
  value: {{ include "switchboard.common.urls.auth" . | quote }}
- name: SWITCHBOARD_GATEWAY_HISTORY_URI
  value: {{ include "switchboard.common.urls.history" . | quote }}
{{ include "switchboard.common.env.introspection" . }}
- name: SWITCHBOARD_GATEWAY_TRUSTED_PROXY_HOPS
  value: {{ include "gateway-service.trustedProxyHops" . | quote }}
- name: SWITCHBOARD_GATEWAY_WEBSOCKET_ALLOW_QUERY_TOKEN
  value: {{ .Values.allowQueryToken | quote }}
{{- if .Values.allowedOrigins }}
- name: SWITCHBOARD_GATEWAY_ALLOWED_ORIGINS
  value: {{ join "," .Values.allowedOrigins | quote }}
{{- end }}
{{- end -}}
