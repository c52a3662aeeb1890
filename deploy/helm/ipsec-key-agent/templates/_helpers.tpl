{{/* The name of every object: the release name when it already says ipsec-key-agent. */}}
{{- define "ipsec-key-agent.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object, as kustomize's labels in deploy/kustomization.yaml plus Helm's own. */}}
{{- define "ipsec-key-agent.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/part-of: cilium-ipsec
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The pods' selector: stable across upgrades (a DaemonSet's selector cannot change). */}}
{{- define "ipsec-key-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
{{- end -}}

{{/* repository:tag, or repository@digest, as Cilium's "cilium.image". */}}
{{- define "ipsec-key-agent.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The directory on the host the agent writes: the state file's (publish) or the relayed key file's (relay). */}}
{{- define "ipsec-key-agent.hostDir" -}}
{{- if eq .Values.mode "relay" -}}
{{- .Values.relay.hostPath -}}
{{- else -}}
{{- .Values.state.hostPath -}}
{{- end -}}
{{- end -}}

{{/* Where that directory is mounted in the container. */}}
{{- define "ipsec-key-agent.mountDir" -}}
{{- if eq .Values.mode "relay" -}}
{{- .Values.relay.hostPath -}}
{{- else -}}
/var/run/ipsec-key-agent
{{- end -}}
{{- end -}}
