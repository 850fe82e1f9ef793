{{/*
The resources that every service has in the same shape. Each chart's templates/ holds one
file per kind that includes one of these, so that the kinds stay one to a file.
*/}}

{{- define "switchboard.common.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "switchboard.common.names.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard.common.labels.standard" . | nindent 4 }}
data:
  application.yaml: |
    {{- include "switchboard.common.configFile" . | nindent 4 }}
{{- end -}}

{{- define "switchboard.common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "switchboard.common.names.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard.common.labels.standard" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  {{- if and (eq .Values.service.type "LoadBalancer") .Values.service.loadBalancerSourceRanges }}
  loadBalancerSourceRanges:
    {{- toYaml .Values.service.loadBalancerSourceRanges | nindent 4 }}
  {{- end }}
  {{- if and (eq .Values.service.type "LoadBalancer") .Values.service.externalTrafficPolicy }}
  externalTrafficPolicy: {{ .Values.service.externalTrafficPolicy }}
  {{- end }}
  ports:
    - name: http
      port: {{ .Values.service.ports.http }}
      targetPort: http
      protocol: TCP
    - name: management
      port: {{ .Values.service.ports.management }}
      targetPort: management
      protocol: TCP
  selector:
    {{- include "switchboard.common.labels.matchLabels" . | nindent 4 }}
{{- end -}}

{{- define "switchboard.common.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "switchboard.common.names.serviceAccount" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard.common.labels.standard" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
{{- end -}}
{{- end -}}

{{- define "switchboard.common.podDisruptionBudget" -}}
{{- if .Values.pdb.create -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "switchboard.common.names.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard.common.labels.standard" . | nindent 4 }}
spec:
  {{- if .Values.pdb.minAvailable }}
  minAvailable: {{ .Values.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ .Values.pdb.maxUnavailable | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "switchboard.common.labels.matchLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{/*
Autoscaling on CPU (and memory, if a target is set). kind is Deployment or StatefulSet.
  include "switchboard.common.horizontalPodAutoscaler" (dict "kind" "Deployment" "context" .)
*/}}
{{- define "switchboard.common.horizontalPodAutoscaler" -}}
{{- $ := .context -}}
{{- if $.Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "switchboard.common.names.fullname" $ }}
  namespace: {{ $.Release.Namespace | quote }}
  labels:
    {{- include "switchboard.common.labels.standard" $ | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: {{ .kind }}
    name: {{ include "switchboard.common.names.fullname" $ }}
  minReplicas: {{ $.Values.autoscaling.minReplicas }}
  maxReplicas: {{ $.Values.autoscaling.maxReplicas }}
  metrics:
    {{- with $.Values.autoscaling.targetCPU }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $.Values.autoscaling.targetMemory }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
{{- end -}}
{{- end -}}

{{- define "switchboard.common.serviceMonitor" -}}
{{- if .Values.metrics.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "switchboard.common.names.fullname" . }}
  namespace: {{ .Values.metrics.serviceMonitor.namespace | default .Release.Namespace | quote }}
  labels:
    {{- include "switchboard.common.labels.standard" . | nindent 4 }}
    {{- with .Values.metrics.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  namespaceSelector:
    matchNames:
      - {{ .Release.Namespace | quote }}
  selector:
    matchLabels:
      {{- include "switchboard.common.labels.matchLabels" . | nindent 6 }}
  endpoints:
    - port: management
      path: /actuator/prometheus
      interval: {{ .Values.metrics.serviceMonitor.interval }}
      {{- with .Values.metrics.serviceMonitor.scrapeTimeout }}
      scrapeTimeout: {{ . }}
      {{- end }}
{{- end -}}
{{- end -}}

{{/*
Who may connect. The management port (probes, metrics) is open to the cluster; the
service's own port only to the pods named in .from (Switchboard services of this release)
and networkPolicy.extraIngressFrom, to nobody if both are empty, or to everyone when
networkPolicy.allowExternal is set.
  include "switchboard.common.networkPolicy" (dict "from" (list "gateway-service") "context" .)
*/}}
{{- define "switchboard.common.networkPolicy" -}}
{{- $ := .context -}}
{{- if $.Values.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "switchboard.common.names.fullname" $ }}
  namespace: {{ $.Release.Namespace | quote }}
  labels:
    {{- include "switchboard.common.labels.standard" $ | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "switchboard.common.labels.matchLabels" $ | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    - ports:
        - port: {{ $.Values.containerPorts.management }}
          protocol: TCP
    {{- if $.Values.networkPolicy.allowExternal }}
    - ports:
        - port: {{ $.Values.containerPorts.http }}
          protocol: TCP
    {{- else if or .from $.Values.networkPolicy.extraIngressFrom }}
    - ports:
        - port: {{ $.Values.containerPorts.http }}
          protocol: TCP
      from:
        {{- range .from }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
              app.kubernetes.io/instance: {{ $.Release.Name }}
        {{- end }}
        {{- with $.Values.networkPolicy.extraIngressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- end }}
{{- end -}}
{{- end -}}
