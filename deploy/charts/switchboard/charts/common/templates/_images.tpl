{{/* The image's tag: the service's own, the global one, or the chart's appVersion. */}}
{{- define "switchboard.common.images.tag" -}}
{{- $global := (.Values.global | default dict) -}}
{{- .Values.image.tag | default $global.imageTag | default .Chart.AppVersion -}}
{{- end -}}

{{/* registry/repository:tag, or @digest when a digest is given. */}}
{{- define "switchboard.common.images.image" -}}
{{- $global := (.Values.global | default dict) -}}
{{- $registry := .Values.image.registry | default $global.imageRegistry -}}
{{- $repository := .Values.image.repository -}}
{{- $name := ternary $repository (printf "%s/%s" $registry $repository) (empty $registry) -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $name .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $name (include "switchboard.common.images.tag" .) -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets from the global and the service's values (nothing when there are none). */}}
{{- define "switchboard.common.images.pullSecrets" -}}
{{- $global := (.Values.global | default dict) -}}
{{- $secrets := concat ($global.imagePullSecrets | default list) (.Values.image.pullSecrets | default list) | uniq -}}
{{- if $secrets -}}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}
