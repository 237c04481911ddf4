{{/* The name of every namespaced object of the release. */}}
{{- define "backend.name" -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/* The KubeSphere ServiceAccount whose token the pod gets (pod annotation kubesphere.io/serviceaccount-name). */}}
{{- define "backend.ksServiceAccount" -}}
{{- printf "%s-sync" (include "backend.name" .) -}}
{{- end -}}

{{- define "backend.selectorLabels" -}}
app.kubernetes.io/name: store-importer
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: backend
{{- end -}}

{{- define "backend.labels" -}}
{{ include "backend.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: store-importer
{{- end -}}

{{/* registry/repository:tag; global.imageRegistry replaces the registry. */}}
{{- define "backend.image" -}}
{{- $registry := .Values.global.imageRegistry | default .Values.image.registry -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .Values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The in-cluster URL of the service. */}}
{{- define "backend.url" -}}
{{- printf "http://%s.%s.svc:%v" (include "backend.name" .) .Release.Namespace .Values.service.port -}}
{{- end -}}
