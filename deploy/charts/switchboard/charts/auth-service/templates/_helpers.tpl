{{/* The name of the secret that holds the activation-code HMAC key. */}}
{{- define "auth-service.codeSecretName" -}}
{{- .Values.codeSecret.existingSecret | default (printf "%s-code" (include "switchboard.common.names.fullname" .) | trunc 63 | trimSuffix "-") -}}
{{- end -}}

{{/* auth-service's own environment. */}}
{{- define "auth-service.env" -}}
{{- include "switchboard.common.env.postgresql" . }}
{{ include "switchboard.common.env.redis" . }}
- name: SWITCHBOARD_AUTH_DEFAULT_REGION
  value: {{ .Values.defaultRegion | quote }}
- name: SWITCHBOARD_AUTH_CODE_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "auth-service.codeSecretName" . }}
      key: {{ .Values.codeSecret.existingSecretKey }}
- name: SWITCHBOARD_AUTH_SMS_PROVIDER
  value: {{ .Values.sms.provider | quote }}
{{- if eq .Values.sms.provider "twilio" }}
- name: SWITCHBOARD_AUTH_SMS_TWILIO_ACCOUNT_SID
  value: {{ required "sms.twilio.accountSid is required with the twilio provider" .Values.sms.twilio.accountSid | quote }}
- name: SWITCHBOARD_AUTH_SMS_TWILIO_FROM
  value: {{ required "sms.twilio.from is required with the twilio provider" .Values.sms.twilio.from | quote }}
- name: SWITCHBOARD_AUTH_SMS_TWILIO_AUTH_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ required "sms.twilio.existingSecret is required with the twilio provider" .Values.sms.twilio.existingSecret }}
      key: {{ .Values.sms.twilio.existingSecretAuthTokenKey }}
{{- end }}
{{- end -}}
