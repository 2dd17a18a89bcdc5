import type { Project } from '../project.ts';
import { emitAlertsDoc } from './alerts-doc.ts';
import { emitAlertmanagerConfig } from './alertmanager-config.ts';
import { emitNotifierConfig } from './notifier-config.ts';
import { emitGrafanaDashboards } from './grafana-dashboards.ts';
import { emitGrafanaProvisioning } from './grafana-provisioning.ts';
import type { Emitter } from './generated-file.ts';
import { emitPrometheusConfig } from './prometheus-config.ts';
import { emitPrometheusRules } from './prometheus-rules.ts';
import { emitRuleTests } from '../rule-tests/emit.ts';

/** Every emitter the build runs; each writes its own files under generated/. */
export const EMITTERS: readonly Emitter<Project>[] = [emitPrometheusRules, emitPrometheusConfig, emitRuleTests, emitNotifierConfig, emitAlertmanagerConfig, emitGrafanaDashboards, emitGrafanaProvisioning, emitAlertsDoc];
