{{/*
Names. Every resource of a service is called <release>-<service> (or fullnameOverride),
cut to the 63 characters that Kubernetes allows.
*/}}

{{/* The service's short name: the chart's name, or nameOverride. */}}
{{- define "switchboard.common.names.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The service's full name. */}}
{{- define "switchboard.common.names.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- include "switchboard.common.names.sibling" (dict "service" (include "switchboard.common.names.name" .) "context" .) -}}
{{- end -}}
{{- end -}}

{{/*
The full name of a service of the same release, from any of the charts:
  include "switchboard.common.names.sibling" (dict "service" "auth-service" "context" $)
*/}}
{{- define "switchboard.common.names.sibling" -}}
{{- $release := .context.Release.Name -}}
{{- if contains .service $release -}}
{{- $release | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" $release .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* chart-name-version, as the helm.sh/chart label wants it. */}}
{{- define "switchboard.common.names.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The service account the pods run as. */}}
{{- define "switchboard.common.names.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "switchboard.common.names.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}
