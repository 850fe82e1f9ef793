{{/* Labels on every resource of a service. */}}
{{- define "switchboard.common.labels.standard" -}}
{{ include "switchboard.common.labels.matchLabels" . }}
app.kubernetes.io/version: {{ include "switchboard.common.images.tag" . | quote }}
app.kubernetes.io/part-of: switchboard
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "switchboard.common.names.chart" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The labels that select a service's pods; they never change after an install. */}}
{{- define "switchboard.common.labels.matchLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.common.names.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
