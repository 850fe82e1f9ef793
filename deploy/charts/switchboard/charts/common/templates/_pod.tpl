{{/*
The pod of a service. The caller passes its context and the environment that is its own:

  template:
    {{- include "switchboard.common.pod" (dict "context" . "env" (include "auth-service.env" .)) | nindent 4 }}

Every pod runs as an unprivileged user on a read-only root filesystem with no
capabilities; /tmp is an emptyDir (Netty and Tomcat write there). The configuration file
rendered from global.config and the service's config is mounted at /config, and a
checksum of it rolls the pods when it changes. Probes use the management port: startup
and liveness on the liveness group, readiness on the readiness group.
*/}}
{{- define "switchboard.common.pod" -}}
{{- $ := .context -}}
{{- $values := $.Values -}}
metadata:
  labels:
    {{- include "switchboard.common.labels.standard" $ | nindent 4 }}
    {{- with $values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ include "switchboard.common.configFile" $ | sha256sum }}
    {{- with $values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "switchboard.common.names.serviceAccount" $ }}
  automountServiceAccountToken: {{ $values.serviceAccount.automountServiceAccountToken }}
  {{- with (include "switchboard.common.images.pullSecrets" $) }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- if $values.podSecurityContext.enabled }}
  securityContext:
    {{- omit $values.podSecurityContext "enabled" | toYaml | nindent 4 }}
  {{- end }}
  terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
  {{- with $values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if $values.affinity }}
  affinity:
    {{- toYaml $values.affinity | nindent 4 }}
  {{- else }}
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                {{- include "switchboard.common.labels.matchLabels" $ | nindent 16 }}
  {{- end }}
  {{- with $values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ include "switchboard.common.names.name" $ }}
      image: {{ include "switchboard.common.images.image" $ }}
      imagePullPolicy: {{ $values.image.pullPolicy }}
      {{- if $values.containerSecurityContext.enabled }}
      securityContext:
        {{- omit $values.containerSecurityContext "enabled" | toYaml | nindent 8 }}
      {{- end }}
      env:
        {{- include "switchboard.common.env.base" $ | nindent 8 }}
        {{- with .env }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with $values.extraEnvVars }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if or $values.extraEnvVarsConfigMap $values.extraEnvVarsSecret }}
      envFrom:
        {{- with $values.extraEnvVarsConfigMap }}
        - configMapRef:
            name: {{ . }}
        {{- end }}
        {{- with $values.extraEnvVarsSecret }}
        - secretRef:
            name: {{ . }}
        {{- end }}
      {{- end }}
      ports:
        - name: http
          containerPort: {{ $values.containerPorts.http }}
          protocol: TCP
        - name: management
          containerPort: {{ $values.containerPorts.management }}
          protocol: TCP
      {{- if $values.startupProbe.enabled }}
      startupProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        {{- omit $values.startupProbe "enabled" | toYaml | nindent 8 }}
      {{- end }}
      {{- if $values.livenessProbe.enabled }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        {{- omit $values.livenessProbe "enabled" | toYaml | nindent 8 }}
      {{- end }}
      {{- if $values.readinessProbe.enabled }}
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: management
        {{- omit $values.readinessProbe "enabled" | toYaml | nindent 8 }}
      {{- end }}
      {{- if $values.preStopSleepSeconds }}
      lifecycle:
        # Kubernetes takes the pod out of its Service's endpoints while it sleeps, so no
        # new request or connection arrives once Spring's graceful shutdown has begun.
        preStop:
          sleep:
            seconds: {{ $values.preStopSleepSeconds }}
      {{- end }}
      {{- with $values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: config
          mountPath: /config
          readOnly: true
        {{- with $values.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $values.tmpSizeLimit }}
    - name: config
      configMap:
        name: {{ include "switchboard.common.names.fullname" $ }}
    {{- with $values.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/*
The Spring configuration file of a service: global.config, then the service's config
on top of it (both free-form Spring Boot properties, in YAML).
*/}}
{{- define "switchboard.common.configFile" -}}
{{- $global := (.Values.global | default dict) -}}
{{- $config := mustMergeOverwrite (deepCopy ($global.config | default dict)) (deepCopy (.Values.config | default dict)) -}}
{{- if $config -}}
{{ toYaml $config }}
{{- else -}}
{}
{{- end -}}
{{- end -}}
